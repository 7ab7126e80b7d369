def log = new File(basedir, 'build.log').text

// The lint ran over the policy and the Terraform key, not package.json, and passed.
assert log.contains('keyvet: 2 files, 0 errors, 0 security, 0 warnings, 0 suggestions')
assert !log.contains('package.json')
assert !log.contains('[ERROR]')
assert !log.contains('BUILD FAILURE')

// keyvet:help describes the goal and its parameters.
assert log.contains('keyvet:lint')
assert log.contains('failOn')
assert log.contains('User property: keyvet.skip')
