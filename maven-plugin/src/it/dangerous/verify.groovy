import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').text
def policy = new File(basedir, 'src/main/kms/public.json').canonicalPath

// The failing finding is logged at error level where IDEs link it, with its help.
assert log.contains("[ERROR] ${policy}:14:20: security KP201 `*` is allowed `kms:*` with no condition")
assert log.contains('help: name the principals')
// Warnings that do not fail the build are logged as warnings.
assert log.contains("[WARNING] ${policy}:14:20: warning KP209")
assert log.contains('[ERROR] keyvet: 2 files, 0 errors, 3 security, 2 warnings, 1 suggestion')
// The build fails naming the code and the file.
assert log.contains('keyvet: 3 failing findings: KP201 in src/main/kms/public.json:14:20')
assert log.contains('BUILD FAILURE')

// SARIF: one run, the finding at its place, file names relative to the project.
def sarif = new JsonSlurper().parse(new File(basedir, 'target/keyvet/keyvet.sarif'))
assert sarif.version == '2.1.0'
def kp201 = sarif.runs[0].results.find { it.ruleId == 'KP201' }
assert kp201 != null
def location = kp201.locations[0].physicalLocation
assert location.artifactLocation.uri == 'src/main/kms/public.json'
assert location.region.startLine == 14
assert location.region.startColumn == 20

// JUnit: a failure for each failing finding, none for the clean policy.
def junit = new XmlSlurper().parse(new File(basedir, 'target/keyvet/TEST-keyvet.xml'))
def failures = junit.'**'.findAll { it.name() == 'failure' }
assert failures.collect { it.@type.text() }.containsAll(['KP201', 'KP207', 'KP208'])
assert !failures.any { it.@type.text() == 'KP209' }
assert junit.'**'.find { it.name() == 'testcase' && it.@classname.text().contains('clean.json') } != null
