package dev.keyvet.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.Severity;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitReporterTest {
  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static Element at(Document doc, String tag, int index) {
    return (Element) doc.getElementsByTagName(tag).item(index);
  }

  @Test
  void write_fixtures_parsesAsOneSuitePerFileAndOneCasePerFinding() throws Exception {
    Document doc = parse(new JunitReporter(Severity.SECURITY).render(ReportFixtures.all()));

    Element root = doc.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    assertThat(root.getAttribute("tests")).isEqualTo("5");
    assertThat(root.getAttribute("failures")).isEqualTo("2");
    NodeList suites = doc.getElementsByTagName("testsuite");
    assertThat(suites.getLength()).isEqualTo(3);
    assertThat(at(doc, "testsuite", 0).getAttribute("name")).isEqualTo("policies/broken.json");
    Element failure = at(doc, "failure", 0);
    assertThat(failure.getAttribute("type")).isEqualTo("KP001");
    assertThat(failure.getAttribute("message")).isEqualTo("trailing comma before `}`");
    assertThat(failure.getTextContent())
        .isEqualTo(
            "policies/broken.json:3:22: error KP001 trailing comma before `}`\n"
                + "help: JSON does not allow a comma after the last member or item; remove it");
    assertThat(at(doc, "failure", 1).getTextContent())
        .endsWith("evidence: * can kms:Decrypt (statement OpenToAll)");
    assertThat(doc.getElementsByTagName("system-out").getLength()).isEqualTo(2);
    Element clean = at(doc, "testcase", 4);
    assertThat(clean.getAttribute("classname")).isEqualTo("clean.json");
    assertThat(clean.getChildNodes().getLength()).isZero();
  }

  @Test
  void write_failAtWarning_failsWarningsToo() throws Exception {
    Document doc = parse(new JunitReporter(Severity.WARNING).render(ReportFixtures.all()));

    assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("3");
    assertThat(at(doc, "failure", 1).getAttribute("type")).isEqualTo("KP214");
  }

  @Test
  void write_markupAndControlCharacters_areEscaped() throws Exception {
    String message = "`<a & \"b\">` 'c'\u0001\nnext";
    SourceSpan span = SourceSpan.at("x&<y>.json", 1, 1, "");
    Finding f = Finding.of(Diagnostic.of(Code.KP001, span, message).withHelp("a]]>b"), "");
    LintResult r = new LintResult("x&<y>.json", List.of(f));

    Document doc = parse(Reports.forFormat("junit").render(List.of(FileReport.of(r, null))));

    assertThat(at(doc, "testsuite", 0).getAttribute("name")).isEqualTo("x&<y>.json");
    assertThat(at(doc, "failure", 0).getAttribute("message"))
        .isEqualTo("`<a & \"b\">` 'c'\ufffd\nnext");
    assertThat(at(doc, "failure", 0).getTextContent()).endsWith("\nhelp: a]]>b");
  }

  @Test
  void write_noFiles_isAnEmptyButValidDocument() throws Exception {
    Document doc = parse(Reports.forFormat("junit").render(List.of()));

    assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("0");
    assertThat(doc.getElementsByTagName("testsuite").getLength()).isZero();
  }
}
