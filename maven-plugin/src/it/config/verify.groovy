import groovy.json.JsonSlurper

// Reports asked for with -Dkeyvet.formats=json,text by the first invocation.
def json = new JsonSlurper().parse(new File(basedir, 'target/keyvet/keyvet.json'))
assert json.toString().contains('external.json')
assert new File(basedir, 'target/keyvet/keyvet.txt').text.contains('1 file, 0 errors, 0 security, 0 warnings, 0 suggestions')

def log = new File(basedir, 'build.log').text
def settings = new File(basedir, 'ci/broken.yaml').canonicalPath
assert log.contains("keyvet: ${settings}: `trustedAccount`: unknown setting; did you mean `trustedAccounts`?")
assert !log.contains('at dev.keyvet')

// Invocations that pass and fail, in order: nearest settings, configFile, failOn=error,
// failOn=KP102, failOn=KP218, a bad failOn, bad settings.
assert log.findAll(/BUILD (SUCCESS|FAILURE)/) ==
    ['BUILD SUCCESS', 'BUILD FAILURE', 'BUILD SUCCESS', 'BUILD SUCCESS', 'BUILD FAILURE',
     'BUILD FAILURE', 'BUILD FAILURE']
assert log.contains('keyvet: 1 failing finding: KP203 in src/main/kms/external.json:14:28')
assert log.contains('keyvet: 1 failing finding: KP218 in src/main/kms/external.json:14:28')
assert log.contains('keyvet: failOn: `sometimes` is neither a severity (error, security, warning, suggestion) nor a code')
