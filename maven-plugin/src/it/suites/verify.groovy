def log = new File(basedir, 'build.log').text

// Run 1: the suite passes and its JUnit report is where CI servers look.
assert log.contains('keyvet: PASS src/test/kms/partner.kvt (2 expectations)')
assert log.contains('keyvet: Suites: 1, expectations run: 2, failures: 0, suites with errors: 0')

// Run 2: skipped.
assert log.contains('keyvet: suites skipped')

// Run 3: the wrong expectation fails the build with its location and the explanation.
assert log.contains('partner.kvt:3:1: expected allow, got implicit deny: "the partner reads directly"')
assert log.contains('missing: the key policy allows neither the caller nor its account 444455556666')
assert log.contains('1 failing expectation: "the partner reads directly" (src/test/kms-failing/partner.kvt)')
assert log.contains('BUILD FAILURE')

def report = new File(basedir, 'target/surefire-reports/TEST-keyvet-src_test_kms-failing_partner.kvt.xml')
assert report.isFile()
def xml = report.text
assert xml.contains('tests="1" failures="1"')
assert xml.contains('<failure message="expected allow, got implicit deny">')
def passing = new File(basedir, 'target/surefire-reports/TEST-keyvet-src_test_kms_partner.kvt.xml')
assert passing.isFile()
assert passing.text.contains('tests="2" failures="0"')
