package io.flowdesk.app.change.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.approval.Approval;
import io.flowdesk.domain.approval.ApprovalAction;
import io.flowdesk.domain.approval.ApprovalMode;
import io.flowdesk.domain.approval.Approvals;
import io.flowdesk.domain.approval.NewApproval;
import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.change.Authorization;
import io.flowdesk.domain.change.AuthorizationVote;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeImpact;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeRisk;
import io.flowdesk.domain.change.ChangeState;
import io.flowdesk.domain.change.ChangeType;
import io.flowdesk.domain.change.NewChange;
import io.flowdesk.domain.change.VoteDecision;
import io.flowdesk.domain.cmdb.CiDraft;
import io.flowdesk.domain.cmdb.Cmdb;
import io.flowdesk.domain.cmdb.ConfigurationItem;
import io.flowdesk.domain.cmdb.Criticality;
import io.flowdesk.domain.cmdb.Environment;
import io.flowdesk.domain.cmdb.LifecycleStatus;
import io.flowdesk.domain.cmdb.RelationshipType;
import io.flowdesk.domain.record.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The CAB view (changes awaiting the CAB with risk, window, CIs, impacted services and votes
 * against the quorum) and the CAB's outcome recorded on the change's page and API.
 */
class CabViewTest extends WebTestSupport {

  static final Actor ANNA = Actor.person("agent.anna");

  @Autowired ChangeRecords records;
  @Autowired Approvals approvals;
  @Autowired Cmdb cmdb;

  ConfigurationItem ci(final String className, final String name) {
    return cmdb.create(
        new CiDraft(
            className,
            name,
            null,
            null,
            Environment.PRODUCTION,
            LifecycleStatus.IN_SERVICE,
            className.equals("server") ? null : Criticality.HIGH,
            null,
            Map.of()),
        Actor.person("admin"));
  }

  Change authorizing(final String summary, final ConfigurationItem ci) {
    final Change raised =
        records.raise(
            new NewChange(
                ChangeType.NORMAL,
                null,
                summary,
                null,
                "agent.anna",
                "service-desk",
                null,
                List.of(new AffectedCi(ci.id(), ci.name())),
                Instant.parse("2031-06-01T20:00:00Z"),
                Instant.parse("2031-06-01T22:00:00Z"),
                "Do it.",
                "Undo it.",
                null,
                ChangeImpact.HIGH,
                List.of()),
            ANNA);
    records.moveTo(raised.id(), ChangeState.ASSESS, null, null, ANNA);
    records.assessRisk(raised.id(), ChangeRisk.HIGH, ANNA);
    records.moveTo(raised.id(), ChangeState.AUTHORIZE, null, null, ANNA);
    return records.find(raised.id()).orElseThrow();
  }

  @Test
  void cabMembersSeeTheChangesAwaitingTheCabWithImpactedServicesAndVotesAgainstTheQuorum()
      throws Exception {
    final String tag = UUID.randomUUID().toString().substring(0, 8);
    final ConfigurationItem server = ci("server", "mx-" + tag);
    final ConfigurationItem service = ci("business_service", "Mail " + tag);
    cmdb.relate(service.id(), RelationshipType.DEPENDS_ON, server.id(), Actor.person("admin"));
    final Change change = authorizing("Replace the mail relay " + tag, server);
    final Change notAsked = authorizing("Waits for the change manager " + tag, server);
    final Approval cab =
        approvals.open(
            new NewApproval(
                ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50),
                change.number(),
                "Change " + change.number(),
                "agent.anna",
                "agent.anna",
                ApprovalMode.QUORUM,
                2,
                List.of("cab.carl", "cab.cora", "cab.chris")));
    approvals.decide(
        cab.id(),
        ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50),
        "cab.cora",
        ApprovalAction.ABSTAINED,
        "I wrote the plan",
        null,
        Instant.now());

    final Document page = html(get("/changes/cab").session(signIn("cab.carl")));

    final Element item = page.selectFirst("article[data-number=" + change.number() + "]");
    assertThat(item).isNotNull();
    assertThat(item.select(".cab-summary").text()).isEqualTo("Replace the mail relay " + tag);
    assertThat(item.select(".cab-type").text()).isEqualTo("Normal");
    assertThat(item.select(".cab-risk").text()).isEqualTo("High");
    assertThat(item.select(".cab-cis").text()).isEqualTo("mx-" + tag);
    assertThat(item.select(".cab-services").text()).isEqualTo("Mail " + tag);
    assertThat(item.select(".cab-conflicts").text()).isEqualTo("None");
    assertThat(item.select(".cab-votes").text())
        .isEqualTo("0 of 2 approvals needed; 0 rejected, 1 abstained, 3 asked");
    assertThat(page.select("article[data-number=" + notAsked.number() + "]")).isEmpty();
    assertThat(html(get("/changes/cab").session(signIn("manager.maria"))).select("article"))
        .isNotEmpty();
  }

  @Test
  void theCabsOutcomeQuorumAndVotesShowOnTheChangePageTimelineAndApi() throws Exception {
    final ConfigurationItem server = ci("server", "app-" + UUID.randomUUID());
    final Change change = authorizing("Upgrade the app server", server);
    final Instant at = Instant.parse("2031-05-30T09:00:00Z");
    records.authorize(
        change.id(),
        Authorization.APPROVED,
        "CAB",
        2,
        List.of(
            new AuthorizationVote("cab.carl", VoteDecision.APPROVED, "Sound plan", at, null),
            new AuthorizationVote("cab.cora", VoteDecision.ABSTAINED, "I wrote it", at, null),
            new AuthorizationVote("cab.chris", VoteDecision.APPROVED, null, at, null)),
        "CAB: approved.",
        Actor.job(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50)));

    final Document page = html(get("/changes/" + change.number()).session(signIn("agent.anna")));
    assertThat(page.select("#cab-outcome-heading").text()).isEqualTo("CAB: approved");
    assertThat(page.select("#cab-count").text())
        .isEqualTo("Quorum 2. 2 approved, 0 rejected, 1 abstained.");
    assertThat(page.select("#cab-outcome .cab-vote-decision").eachText())
        .containsExactly("approved", "abstained", "approved");
    assertThat(page.select("#cab-outcome tr.cab-vote").get(1).text()).contains("I wrote it");
    assertThat(page.text()).contains("CAB vote: abstain");

    mvc.perform(get("/api/changes/" + change.number()).with(httpBasic("agent.anna", DEMO_PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.authorization.authority").value("CAB"))
        .andExpect(jsonPath("$.authorization.outcome").value("approved"))
        .andExpect(jsonPath("$.authorization.quorum").value(2))
        .andExpect(jsonPath("$.authorization.abstained").value(1))
        .andExpect(jsonPath("$.authorization.votes[1].approver").value("cab.cora"))
        .andExpect(jsonPath("$.authorization.votes[1].decision").value("abstained"))
        .andExpect(jsonPath("$.authorization.votes[1].comment").value("I wrote it"))
        .andExpect(jsonPath("$.authorization.votes[1].decidedAt").value("2031-05-30T09:00:00Z"));
  }
}
