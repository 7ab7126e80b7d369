def log = new File(basedir, 'build.log').text
// Two skipped invocations, then one that fails on the policy.
assert log.count('keyvet: lint skipped') == 2
assert log.count('BUILD SUCCESS') == 2
assert log.contains('keyvet: 3 failing findings: KP201 in src/main/kms/public.json:14:20')
