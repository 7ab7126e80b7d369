def log = new File(basedir, 'build.log').text
// With the baseline every finding is old: nothing is reported and the build passes.
assert log.contains('keyvet: 1 file, 0 errors, 0 security, 0 warnings, 0 suggestions')
assert log.count('BUILD SUCCESS') == 1
// Without it, the same policy fails the build.
assert log.contains('KP201 in src/main/kms/public.json:14:20')
assert log.count('BUILD FAILURE') == 1
