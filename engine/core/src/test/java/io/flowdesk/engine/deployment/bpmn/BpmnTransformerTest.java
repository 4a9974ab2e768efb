package io.flowdesk.engine.deployment.bpmn;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import io.flowdesk.engine.model.BpmnElementType;
import io.flowdesk.engine.model.BpmnEventType;
import io.flowdesk.engine.model.CalledDecision;
import io.flowdesk.engine.model.ExecutableProcess;
import io.flowdesk.engine.model.Expression;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.model.IoMapping;
import io.flowdesk.engine.model.ResourceBinding;
import io.flowdesk.engine.model.ScriptDefinition;
import io.flowdesk.engine.model.SequenceFlow;
import io.flowdesk.engine.model.TaskDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;
import org.junit.jupiter.api.Test;

class BpmnTransformerTest {

  private static final FeelEngineApi FEEL = FeelEngineBuilder.forJava().build();

  private final BpmnTransformer transformer = new BpmnTransformer(BpmnTransformerTest::feelError);

  private static Optional<String> feelError(final String source) {
    final ParseResult result = FEEL.parseExpression(source);
    return result.isSuccess() ? Optional.empty() : Optional.of(result.failure().message());
  }

  @Test
  void transformsServiceTaskProcess() {
    final BpmnModelInstance model =
        Bpmn.createExecutableProcess("order")
            .name("Order")
            .startEvent("start")
            .sequenceFlowId("toWork")
            .serviceTask(
                "work",
                t ->
                    t.name("Do work")
                        .zeebeJobType("work")
                        .zeebeJobRetries("5")
                        .zeebeTaskHeader("second", "2")
                        .zeebeTaskHeader("first", "=not feel")
                        .zeebeInputExpression("a", "b")
                        .zeebeInput("literal", "c")
                        .zeebeOutputExpression("result", "d"))
            .sequenceFlowId("toEnd")
            .endEvent("end")
            .done();

    final ExecutableProcess process = single(transform(model));

    assertThat(process.bpmnProcessId()).isEqualTo("order");
    assertThat(process.name()).isEqualTo("Order");
    assertThat(process.noneStartEventId()).isEqualTo("start");
    assertThat(process.elements()).containsOnlyKeys("order", "start", "work", "end");
    assertThat(process.process().type()).isEqualTo(BpmnElementType.PROCESS);
    assertThat(process.process().flowScopeId()).isNull();

    final FlowElement work = process.element("work");
    assertThat(work.type()).isEqualTo(BpmnElementType.SERVICE_TASK);
    assertThat(work.name()).isEqualTo("Do work");
    assertThat(work.flowScopeId()).isEqualTo("order");
    assertThat(work.incoming()).containsExactly("toWork");
    assertThat(work.outgoing()).containsExactly("toEnd");
    assertThat(work.taskDefinition())
        .isEqualTo(new TaskDefinition(Expression.of("work"), Expression.of("5")));
    assertThat(work.taskHeaders())
        .containsExactly(entry("second", "2"), entry("first", "=not feel"));
    assertThat(work.inputs())
        .containsExactly(
            new IoMapping(Expression.feel("a"), "b"),
            new IoMapping(new Expression("literal", false), "c"));
    assertThat(work.outputs()).containsExactly(new IoMapping(Expression.feel("result"), "d"));
    assertThat(work.jobBased()).isTrue();

    assertThat(process.element("start").type()).isEqualTo(BpmnElementType.START_EVENT);
    assertThat(process.element("start").eventType()).isEqualTo(BpmnEventType.NONE);
    assertThat(process.element("end").incoming()).containsExactly("toEnd");
    assertThat(process.sequenceFlows())
        .containsOnly(
            entry("toWork", new SequenceFlow("toWork", "start", "work", null)),
            entry("toEnd", new SequenceFlow("toEnd", "work", "end", null)));
  }

  @Test
  void defaultsRetriesToThreeAndReadsFeelJobType() {
    final BpmnModelInstance model =
        Bpmn.createExecutableProcess("p")
            .startEvent("s")
            .serviceTask("t", t -> t.zeebeJobTypeExpression("\"work-\" + kind"))
            .endEvent("e")
            .done();

    assertThat(single(transform(model)).element("t").taskDefinition())
        .isEqualTo(new TaskDefinition(Expression.feel("\"work-\" + kind"), Expression.of("3")));
  }

  @Test
  void readsTheVersionTagAndTheBindingOfCalledProcessesDecisionsAndForms() {
    final BpmnModelInstance model =
        Bpmn.createExecutableProcess("p")
            .versionTag("2.1")
            .startEvent("s")
            .callActivity(
                "call",
                c -> c.zeebeProcessId("child").zeebeBindingType(ZeebeBindingType.deployment))
            .businessRuleTask(
                "rule",
                t ->
                    t.zeebeCalledDecisionId("risk")
                        .zeebeResultVariable("r")
                        .zeebeBindingType(ZeebeBindingType.versionTag)
                        .zeebeVersionTag("v3"))
            .userTask("fill", t -> t.zeebeUserTask().zeebeFormId("f"))
            .endEvent("e")
            .done();

    final ExecutableProcess process = single(transform(model));

    assertThat(process.versionTag()).isEqualTo("2.1");
    assertThat(process.element("call").calledElement().binding())
        .isEqualTo(new ResourceBinding(ResourceBinding.Type.DEPLOYMENT, null));
    assertThat(process.element("rule").calledDecision().binding())
        .isEqualTo(new ResourceBinding(ResourceBinding.Type.VERSION_TAG, "v3"));
    assertThat(process.element("fill").userTask().form().binding())
        .isEqualTo(ResourceBinding.LATEST);
  }

  @Test
  void aVersionTagBindingWithoutVersionTagIsRefusedNamingTheElement() {
    final BpmnModelInstance model =
        Bpmn.createExecutableProcess("p")
            .startEvent("s")
            .callActivity(
                "call",
                c -> c.zeebeProcessId("child").zeebeBindingType(ZeebeBindingType.versionTag))
            .endEvent("e")
            .done();

    assertThat(invalid(transform(model))).contains("call").contains("versionTag");
  }

  @Test
  void transformsGatewayConditionsAndDefaultFlow() {
    final BpmnModelInstance model =
        Bpmn.createExecutableProcess("p")
            .startEvent("s")
            .exclusiveGateway("decide")
            .sequenceFlowId("big")
            .conditionExpression("=amount > 100")
            .endEvent("bigEnd")
            .moveToLastExclusiveGateway()
            .sequenceFlowId("small")
            .conditionExpression("amount < 10")
            .endEvent("smallEnd")
            .moveToLastExclusiveGateway()
            .defaultFlow()
            .sequenceFlowId("otherwise")
            .endEvent("otherEnd", e -> e.terminate())
            .done();

    final ExecutableProcess process = single(transform(model));

    final FlowElement gateway = process.element("decide");
    assertThat(gateway.type()).isEqualTo(BpmnElementType.EXCLUSIVE_GATEWAY);
    assertThat(gateway.outgoing()).containsExactly("big", "small", "otherwise");
    assertThat(gateway.defaultFlowId()).isEqualTo("otherwise");
    assertThat(process.sequenceFlow("big").condition()).isEqualTo(Expression.feel("amount > 100"));
    assertThat(process.sequenceFlow("small").condition()).isEqualTo(Expression.feel("amount < 10"));
    assertThat(process.sequenceFlow("otherwise").conditional()).isFalse();
    assertThat(process.element("otherEnd").eventType()).isEqualTo(BpmnEventType.TERMINATE);
  }

  @Test
  void transformsEngineEvaluatedScriptAndDecisionTasks() {
    final BpmnModelInstance model =
        Bpmn.createExecutableProcess("p")
            .startEvent("s")
            .scriptTask("script", t -> t.zeebeExpression("a + 1").zeebeResultVariable("sum"))
            .businessRuleTask(
                "rule", t -> t.zeebeCalledDecisionId("risk").zeebeResultVariable("level"))
            .parallelGateway("fork")
            .manualTask("manual")
            .intermediateThrowEvent("milestone")
            .endEvent("e")
            .moveToNode("fork")
            .task("undefined")
            .endEvent("e2")
            .done();

    final ExecutableProcess process = single(transform(model));

    final FlowElement script = process.element("script");
    assertThat(script.type()).isEqualTo(BpmnElementType.SCRIPT_TASK);
    assertThat(script.script()).isEqualTo(new ScriptDefinition(Expression.feel("a + 1"), "sum"));
    assertThat(script.jobBased()).isFalse();
    assertThat(process.element("rule").calledDecision())
        .isEqualTo(new CalledDecision(Expression.of("risk"), "level", ResourceBinding.LATEST));
    assertThat(process.element("fork").outgoing()).hasSize(2);
    assertThat(process.element("manual").type()).isEqualTo(BpmnElementType.MANUAL_TASK);
    assertThat(process.element("milestone").type())
        .isEqualTo(BpmnElementType.INTERMEDIATE_THROW_EVENT);
    assertThat(process.element("undefined").type()).isEqualTo(BpmnElementType.TASK);
  }

  @Test
  void derivesFlowsOfNodesWithoutIncomingAndOutgoingReferences() {
    final String xml =
        definitions(
            """
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s"/>
              <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
              <bpmn:task id="t"/>
              <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/>
              <bpmn:endEvent id="e"/>
            </bpmn:process>
            """);

    final ExecutableProcess process = single(transformer.transform("hand.bpmn", bytes(xml)));

    assertThat(process.element("t").incoming()).containsExactly("f1");
    assertThat(process.element("t").outgoing()).containsExactly("f2");
  }

  @Test
  void transformsEveryExecutableProcessOfAResource() {
    final String xml =
        definitions(
            """
            <bpmn:process id="first" isExecutable="true"><bpmn:startEvent id="s1"/></bpmn:process>
            <bpmn:process id="notRun" isExecutable="false"><bpmn:startEvent id="s2"/></bpmn:process>
            <bpmn:process id="second" isExecutable="true"><bpmn:startEvent id="s3"/></bpmn:process>
            """);

    assertThat(transformer.transform("two.bpmn", bytes(xml)))
        .asInstanceOf(type(BpmnParseResult.Valid.class))
        .extracting(BpmnParseResult.Valid::processes)
        .asList()
        .extracting("bpmnProcessId")
        .containsExactly("first", "second");
  }

  @Test
  void refusesDoctypeWithoutReadingExternalEntities() throws Exception {
    final String xml =
        """
        <?xml version="1.0"?>
        <!DOCTYPE definitions [<!ENTITY e SYSTEM "file:///etc/passwd">]>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x">
          <process id="p" isExecutable="true" name="&e;"/>
        </definitions>
        """;

    final String message = invalid(transformer.transform("evil.bpmn", bytes(xml)));

    assertThat(message)
        .isEqualTo("'evil.bpmn': DOCTYPE declarations are not allowed (XXE protection)");
    final Path passwd = Path.of("/etc/passwd");
    if (Files.isReadable(passwd)) {
      assertThat(message).doesNotContain(Files.readAllLines(passwd).get(0));
    }
  }

  @Test
  void refusesDoctypeWithExternalDtd() {
    final String xml =
        """
        <?xml version="1.0"?>
        <!DOCTYPE definitions SYSTEM "http://127.0.0.1:1/evil.dtd">
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x"/>
        """;

    assertThat(invalid(transformer.transform("evil.bpmn", bytes(xml))))
        .isEqualTo("'evil.bpmn': DOCTYPE declarations are not allowed (XXE protection)");
  }

  @Test
  void reportsMalformedXmlWithLineAndColumn() {
    final String xml =
        """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x">
          <process id="p">
        </definitions>
        """;

    assertThat(invalid(transformer.transform("broken.bpmn", bytes(xml))))
        .startsWith("'broken.bpmn': malformed XML at line 3, column 3: ")
        .contains("process");
  }

  @Test
  void reportsXmlThatIsNotBpmn() {
    assertThat(invalid(transformer.transform("other.bpmn", bytes("<order id=\"1\"/>"))))
        .startsWith("'other.bpmn': not a valid BPMN 2.0 document: ")
        .contains("order");
  }

  @Test
  void reportsMissingTaskDefinitionFoundByZeebeValidators() {
    final BpmnModelInstance model =
        Bpmn.createExecutableProcess("p").startEvent("s").serviceTask("t").endEvent("e").done();

    assertThat(invalid(transform(model)))
        .isEqualTo(
            """
            'p.bpmn': - Element: t
                - ERROR: Must have exactly one 'zeebe:taskDefinition' extension element""");
  }

  @Test
  void reportsMissingJobTypeWithPathFromTheTask() {
    final BpmnModelInstance model =
        Bpmn.createExecutableProcess("p")
            .startEvent("s")
            .serviceTask("t", t -> t.zeebeJobType(""))
            .endEvent("e")
            .done();

    assertThat(invalid(transform(model)))
        .isEqualTo(
            """
            'p.bpmn': - Element: t > extensionElements > zeebe:taskDefinition
                - ERROR: Attribute 'type' must be present and not empty""");
  }

  @Test
  void reportsFeelSyntaxErrorInConditionWithFlowId() {
    final BpmnModelInstance model =
        Bpmn.createExecutableProcess("p")
            .startEvent("s")
            .exclusiveGateway("g")
            .sequenceFlowId("bad")
            .conditionExpression("=x >")
            .endEvent("e1")
            .moveToLastExclusiveGateway()
            .defaultFlow()
            .endEvent("e2")
            .done();

    assertThat(invalid(transform(model)))
        .startsWith(
            """
            'p.bpmn': - Element: bad
                - ERROR: failed to parse expression 'x >': \
            """)
        .containsOnlyOnce("failed to parse expression")
        .doesNotContain("Element: g");
  }

  @Test
  void namesTheExpressionWhenTheFeelErrorDoesNot() {
    final BpmnTransformer strict = new BpmnTransformer(source -> Optional.of("nope"));
    final BpmnModelInstance model =
        Bpmn.createExecutableProcess("p")
            .startEvent("s")
            .serviceTask("t", t -> t.zeebeJobTypeExpression("kind"))
            .endEvent("e")
            .done();

    assertThat(invalid(strict.transform("p.bpmn", bytes(Bpmn.convertToString(model)))))
        .isEqualTo(
            """
            'p.bpmn': - Element: t
                - ERROR: failed to parse expression 'kind': nope""");
  }

  @Test
  void reportsFeelSyntaxErrorInIoMappingButNotInLiteralHeaders() {
    final BpmnModelInstance model =
        Bpmn.createExecutableProcess("p")
            .startEvent("s")
            .serviceTask(
                "t",
                t ->
                    t.zeebeJobType("work")
                        .zeebeTaskHeader("h", "=((")
                        .zeebeInputExpression("a +", "b"))
            .endEvent("e")
            .done();

    final String message = invalid(transform(model));

    assertThat(message)
        .startsWith("'p.bpmn': - Element: t\n    - ERROR: failed to parse expression 'a +': ");
    assertThat(message).doesNotContain("'(('");
  }

  @Test
  void namesTheEventDefinitionOfUnsupportedEvents() {
    final BpmnModelInstance model =
        Bpmn.createExecutableProcess("p")
            .startEvent("s")
            .intermediateCatchEvent("when", e -> e.condition("= x > 1"))
            .endEvent("e")
            .done();

    // Zeebe's validators refuse it too; Flowdesk names the event definition it lacks.
    assertThat(invalid(transform(model)))
        .contains("- ERROR: Flowdesk does not support conditional intermediate catch events yet");
  }

  @Test
  void refusesCompensationStartEventsAsCamundaDoesNotRunThem() {
    final String xml =
        definitions(
            """
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s"><bpmn:outgoing>f</bpmn:outgoing></bpmn:startEvent>
              <bpmn:endEvent id="e"><bpmn:incoming>f</bpmn:incoming></bpmn:endEvent>
              <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"/>
              <bpmn:subProcess id="undo" triggeredByEvent="true">
                <bpmn:startEvent id="undoStart">
                  <bpmn:outgoing>u</bpmn:outgoing>
                  <bpmn:compensateEventDefinition/>
                </bpmn:startEvent>
                <bpmn:endEvent id="undone"><bpmn:incoming>u</bpmn:incoming></bpmn:endEvent>
                <bpmn:sequenceFlow id="u" sourceRef="undoStart" targetRef="undone"/>
              </bpmn:subProcess>
            </bpmn:process>
            """);

    final String message = invalid(transformer.transform("c.bpmn", bytes(xml)));

    assertThat(message)
        .contains(
            "- Element: undoStart",
            "- ERROR: Camunda 8.8 does not support compensation start events (compensation event"
                + " sub-processes), so event sub-process 'undo' could never start; compensate the"
                + " sub-process through a compensation boundary event and its handler (which may"
                + " itself be a sub-process)")
        .doesNotContain("Flowdesk does not support");
  }

  @Test
  void listsEveryProblemInDocumentOrder() {
    final BpmnModelInstance model =
        Bpmn.createExecutableProcess("p")
            .startEvent("s")
            .serviceTask("noType")
            .serviceTask("badInput", t -> t.zeebeJobType("work").zeebeInputExpression("1 +", "x"))
            .intermediateCatchEvent("when", e -> e.condition("= x > 1"))
            .endEvent("e")
            .done();

    assertThat(invalid(transform(model)))
        .startsWith(
            """
            'p.bpmn': - Element: noType
                - ERROR: Must have exactly one 'zeebe:taskDefinition' extension element
            - Element: badInput
                - ERROR: failed to parse expression '1 +': \
            """)
        .contains(
            """
            - Element: when
                - ERROR: Event definition must be one of: message, timer, signal, or link
                - ERROR: Flowdesk does not support conditional intermediate catch events yet""");
  }

  @Test
  void reportsIoMappingWithoutTarget() {
    final String xml =
        definitions(
            """
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s">
                <bpmn:extensionElements>
                  <zeebe:ioMapping><zeebe:output source="=1"/></zeebe:ioMapping>
                </bpmn:extensionElements>
              </bpmn:startEvent>
            </bpmn:process>
            """);

    assertThat(invalid(transformer.transform("m.bpmn", bytes(xml))))
        .isEqualTo(
            """
            'm.bpmn': - Element: s
                - ERROR: Attribute 'target' of 'zeebe:output' must be present and not empty""");
  }

  @Test
  void reportsReferencesToElementsOfTheWrongKind() {
    final String xml =
        definitions(
            """
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s"/>
              <bpmn:dataObject id="data"/>
              <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="data"/>
              <bpmn:exclusiveGateway id="g" default="s"/>
            </bpmn:process>
            """);

    assertThat(invalid(transformer.transform("refs.bpmn", bytes(xml))))
        .isEqualTo(
            """
            'refs.bpmn': - Element: f
                - ERROR: Attribute 'targetRef' must reference a flow node, but 'data' is not one
            - Element: g
                - ERROR: Attribute 'default' must reference a sequence flow, but 's' is not one""");
  }

  @Test
  void reportsConditionsOnFlowsThatNoGatewayDecidesAsZeebeDoes() {
    final BpmnModelInstance model =
        Bpmn.createExecutableProcess("p")
            .startEvent("s")
            .sequenceFlowId("f")
            .conditionExpression("=true")
            .endEvent("e")
            .done();

    assertThat(invalid(transform(model)))
        .isEqualTo(
            """
            'p.bpmn': - Element: s
                - ERROR: Conditional sequence flows are only supported at exclusive or inclusive \
            gateway""");
  }

  @Test
  void reportsStaticScriptExpression() {
    final String xml =
        definitions(
            """
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s"/>
              <bpmn:scriptTask id="calc">
                <bpmn:extensionElements>
                  <zeebe:script expression="1 + 1" resultVariable="r"/>
                </bpmn:extensionElements>
              </bpmn:scriptTask>
            </bpmn:process>
            """);

    assertThat(invalid(transformer.transform("s.bpmn", bytes(xml))))
        .isEqualTo(
            """
            's.bpmn': - Element: calc
                - ERROR: Attribute 'expression' of 'zeebe:script' must be a FEEL expression \
            starting with '='""");
  }

  @Test
  void reportsDuplicateExtensionElementsInsteadOfFailing() {
    final String xml =
        definitions(
            """
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="s"/>
              <bpmn:sendTask id="send">
                <bpmn:extensionElements>
                  <zeebe:taskDefinition type="a"/>
                  <zeebe:taskDefinition type="b"/>
                  <zeebe:executionListeners/>
                  <zeebe:executionListeners/>
                </bpmn:extensionElements>
              </bpmn:sendTask>
            </bpmn:process>
            """);

    assertThat(invalid(transformer.transform("d.bpmn", bytes(xml))))
        .startsWith("'d.bpmn': - Element: send\n")
        .contains("'zeebe:executionListeners'");
  }

  @Test
  void requiresAnExecutableProcess() {
    final String xml =
        definitions(
            """
            <bpmn:process id="p" isExecutable="false"><bpmn:startEvent id="s"/></bpmn:process>
            """);

    assertThat(invalid(transformer.transform("none.bpmn", bytes(xml))))
        .isEqualTo(
            """
            'none.bpmn': - Element: defs
                - ERROR: Must contain at least one executable process""");
  }

  private BpmnParseResult transform(final BpmnModelInstance model) {
    return transformer.transform("p.bpmn", bytes(Bpmn.convertToString(model)));
  }

  private static ExecutableProcess single(final BpmnParseResult result) {
    assertThat(result).isInstanceOf(BpmnParseResult.Valid.class);
    final List<ExecutableProcess> processes = ((BpmnParseResult.Valid) result).processes();
    assertThat(processes).hasSize(1);
    return processes.get(0);
  }

  private static String invalid(final BpmnParseResult result) {
    assertThat(result).isInstanceOf(BpmnParseResult.Invalid.class);
    return ((BpmnParseResult.Invalid) result).message();
  }

  private static String definitions(final String processes) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="x">
        %s</bpmn:definitions>
        """
        .formatted(processes);
  }

  private static byte[] bytes(final String xml) {
    return xml.getBytes(StandardCharsets.UTF_8);
  }
}
