package io.flowdesk.app.cmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.cmdb.AttributeType;
import io.flowdesk.domain.cmdb.CiClass;
import io.flowdesk.domain.cmdb.CiDraft;
import io.flowdesk.domain.cmdb.Cmdb;
import io.flowdesk.domain.cmdb.ConfigurationItem;
import io.flowdesk.domain.cmdb.Environment;
import io.flowdesk.domain.cmdb.LifecycleStatus;
import io.flowdesk.domain.record.Actor;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * {@code /admin/cmdb/classes}: an admin defines a class with attributes of each type, adds to it,
 * cannot remove or retype an attribute CIs use; refused input at its field, kept; every change in
 * the admin audit trail; the CI form then asks for and checks the class's attributes. Nobody but
 * admins gets in.
 */
class CiClassAdminTest extends WebTestSupport {

  @Autowired Cmdb cmdb;
  @Autowired JdbcClient jdbc;

  private static String unique() {
    return "rack_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
  }

  private static MockHttpServletRequestBuilder rackPost(final String url, final String name) {
    return rackPost(url, name, Map.of());
  }

  /** The rack class's form, with {@code changed} fields typed differently. */
  private static MockHttpServletRequestBuilder rackPost(
      final String url, final String name, final Map<String, String> changed) {
    final Map<String, String> form = new java.util.LinkedHashMap<>();
    form.put("name", name);
    form.put("label", "Rack " + name);
    form.put("a0.name", "location");
    form.put("a0.label", "Location");
    form.put("a0.type", "REFERENCE");
    form.put("a0.options", "");
    form.put("a0.referenceClass", "business_service");
    form.put("a1.name", "units");
    form.put("a1.label", "Height units");
    form.put("a1.type", "NUMBER");
    form.put("a1.options", "");
    form.put("a1.referenceClass", "");
    form.put("a1.required", "on");
    form.put("a2.name", "cooling");
    form.put("a2.label", "Cooling");
    form.put("a2.type", "CHOICE");
    form.put("a2.options", "air\nliquid\n");
    form.put("a2.referenceClass", "");
    form.put("a3.name", "");
    form.put("a3.label", "");
    form.put("a3.type", "TEXT");
    form.putAll(changed);
    final MockHttpServletRequestBuilder post = post(url).with(csrf());
    form.forEach(post::param);
    return post;
  }

  private long audited(final String action, final String target) {
    return jdbc.sql(
            "SELECT count(*) FROM flowdesk.admin_audit WHERE action = :action AND target = :target")
        .param("action", action)
        .param("target", target)
        .query(Long.class)
        .single();
  }

  @Test
  void anAdminDefinesAClassWhoseAttributesTheCiFormThenAsksForAndChecks() throws Exception {
    final MockHttpSession admin = signIn("admin");
    final String name = unique();

    final Document list = html(get("/admin/cmdb/classes").session(admin));
    assertThat(list.select("#class-server .class-kind").text()).isEqualTo("Shipped");

    mvc.perform(rackPost("/admin/cmdb/classes", name).session(admin))
        .andExpect(redirectedUrl("/admin/cmdb/classes/" + name));

    final CiClass rack = cmdb.ciClass(name).orElseThrow();
    assertThat(rack.shipped()).isFalse();
    assertThat(rack.attributes())
        .extracting(a -> a.name() + ":" + a.type() + ":" + a.required())
        .containsExactly("location:REFERENCE:false", "units:NUMBER:true", "cooling:CHOICE:false");
    assertThat(rack.attribute("cooling").orElseThrow().options()).containsExactly("air", "liquid");
    assertThat(rack.attribute("location").orElseThrow().referenceClass())
        .isEqualTo("business_service");
    assertThat(audited("cmdb.class.created", "ci-class:" + name)).isEqualTo(1);
    assertThat(html(get("/admin/cmdb/classes").session(admin)).select("#class-" + name).text())
        .contains("Custom")
        .contains("Height units (number, required)");

    final Document ciForm = html(get("/cmdb/cis/new").param("class", name).session(admin));
    assertThat(ciForm.select("[name=attr.units]")).hasSize(1);
    assertThat(ciForm.select("select[name=attr.cooling] option").eachAttr("value"))
        .contains("air", "liquid");
    final Document refused =
        Jsoup.parse(
            mvc.perform(
                    post("/cmdb/cis")
                        .session(admin)
                        .with(csrf())
                        .param("class", name)
                        .param("name", "r-" + name)
                        .param("environment", "PRODUCTION")
                        .param("status", "IN_SERVICE")
                        .param("attr.units", "forty-two"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    assertThat(refused.text()).contains("'forty-two' is not a number");

    // A reference naming a class takes CIs of that class only.
    final ConfigurationItem server =
        cmdb.create(
            new CiDraft(
                "server",
                "srv-" + name,
                null,
                null,
                Environment.PRODUCTION,
                LifecycleStatus.IN_SERVICE,
                null,
                null,
                Map.of()),
            Actor.person("admin"));
    final Document wrongClass =
        Jsoup.parse(
            mvc.perform(
                    post("/cmdb/cis")
                        .session(admin)
                        .with(csrf())
                        .param("class", name)
                        .param("name", "r-" + name)
                        .param("environment", "PRODUCTION")
                        .param("status", "IN_SERVICE")
                        .param("attr.units", "42")
                        .param("attr.location", server.id().toString()))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    assertThat(wrongClass.text()).contains("must be a CI of class business_service");
  }

  @Test
  void refusedInputIsShownAtItsFieldAndKept() throws Exception {
    final MockHttpSession admin = signIn("admin");
    final String body =
        mvc.perform(
                post("/admin/cmdb/classes")
                    .session(admin)
                    .with(csrf())
                    .param("name", "Bad Name")
                    .param("label", "Storage array")
                    .param("a0.name", "tier")
                    .param("a0.label", "Tier")
                    .param("a0.type", "CHOICE")
                    .param("a0.options", ""))
            .andExpect(status().isUnprocessableEntity())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    final Document page = Jsoup.parse(body);
    assertThat(page.select("#name-error").text()).contains("a class name is 1–64 of a–z");
    assertThat(page.select("#label").val()).isEqualTo("Storage array");
    assertThat(page.select("[name=a0.name]").val()).isEqualTo("tier");

    final Document choiceless =
        Jsoup.parse(
            mvc.perform(
                    post("/admin/cmdb/classes")
                        .session(admin)
                        .with(csrf())
                        .param("name", unique())
                        .param("label", "Storage array")
                        .param("a0.name", "tier")
                        .param("a0.label", "Tier")
                        .param("a0.type", "CHOICE")
                        .param("a0.options", ""))
                .andExpect(status().isUnprocessableEntity())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    assertThat(choiceless.select("#a0-error").text()).isEqualTo("a choice needs its options");
  }

  @Test
  void anAttributeCisUseIsNeitherRemovedNorRetypedButOthersMayBeAdded() throws Exception {
    final MockHttpSession admin = signIn("admin");
    final String name = unique();
    mvc.perform(rackPost("/admin/cmdb/classes", name).session(admin))
        .andExpect(status().is3xxRedirection());
    cmdb.create(
        new CiDraft(
            name,
            "r1-" + name,
            null,
            null,
            Environment.PRODUCTION,
            LifecycleStatus.IN_SERVICE,
            null,
            null,
            Map.of("units", 42)),
        Actor.person("admin"));
    final String url = "/admin/cmdb/classes/" + name;

    final Document edit = html(get(url).session(admin));
    assertThat(edit.select("[name=a1.name]").val()).isEqualTo("units");

    final Document removed =
        Jsoup.parse(
            mvc.perform(rackPost(url, name, Map.of("a1.remove", "on")).session(admin))
                .andExpect(status().isUnprocessableEntity())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    assertThat(removed.select("#a1-error").text())
        .isEqualTo("cannot be removed: 1 configuration item has a value for it");
    final Document retyped =
        Jsoup.parse(
            mvc.perform(rackPost(url, name, Map.of("a1.type", "TEXT")).session(admin))
                .andExpect(status().isUnprocessableEntity())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    assertThat(retyped.select("#a1-error").text()).contains("cannot change its type");
    assertThat(cmdb.ciClass(name).orElseThrow().attribute("units").orElseThrow().type())
        .isEqualTo(AttributeType.NUMBER);

    // An unused attribute goes, a new one comes.
    mvc.perform(
            rackPost(
                    url,
                    name,
                    Map.of("a2.remove", "on", "a3.name", "serialTag", "a3.label", "Serial tag"))
                .session(admin))
        .andExpect(redirectedUrl(url));
    assertThat(cmdb.ciClass(name).orElseThrow().attributes())
        .extracting(a -> a.name())
        .containsExactly("location", "units", "serialTag");
    assertThat(audited("cmdb.class.changed", "ci-class:" + name)).isEqualTo(1);
  }

  @Test
  void onlyAdminsGetInAndAPostNeedsTheCsrfToken() throws Exception {
    for (final String user : new String[] {"alice", "agent.anna", "manager.maria"}) {
      final MockHttpSession session = signIn(user);
      mvc.perform(get("/admin/cmdb/classes").session(session)).andExpect(status().isForbidden());
      mvc.perform(get("/admin/cmdb/classes/server").session(session))
          .andExpect(status().isForbidden());
      mvc.perform(rackPost("/admin/cmdb/classes", unique()).session(session))
          .andExpect(status().isForbidden());
    }
    final String name = unique();
    mvc.perform(
            post("/admin/cmdb/classes")
                .session(signIn("admin"))
                .param("name", name)
                .param("label", "No token"))
        .andExpect(status().isForbidden());
    assertThat(cmdb.ciClass(name)).isEmpty();
    mvc.perform(get("/admin/cmdb/classes/no_such_class").session(signIn("admin")))
        .andExpect(status().isNotFound());
  }
}
