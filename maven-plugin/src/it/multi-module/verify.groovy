import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
// The aggregator has no policies of its own.
assert log.contains('keyvet: nothing to lint, ' + new File(basedir, 'src/main/kms').canonicalPath + ' does not exist')
// keys-a: the root keyvet.yaml trusts the partner, so only the missing Version remains.
assert log.contains('keyvet: 1 file, 0 errors, 0 security, 1 warning, 0 suggestions')
// keys-b: its own keyvet.yaml excludes the shared folder.
assert log.contains('keyvet: 1 file, 0 errors, 0 security, 0 warnings, 0 suggestions')
assert !log.contains('public.json')

// Each module writes its own report, naming files relative to the module.
def a = new JsonSlurper().parse(new File(basedir, 'keys-a/target/keyvet/keyvet.sarif'))
assert a.runs[0].results*.ruleId == ['KP005']
assert a.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri == 'src/main/kms/external.json'
def b = new JsonSlurper().parse(new File(basedir, 'keys-b/target/keyvet/keyvet.sarif'))
assert b.runs[0].results.isEmpty()
