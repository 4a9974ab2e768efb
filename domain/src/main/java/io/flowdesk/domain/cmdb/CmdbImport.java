package io.flowdesk.domain.cmdb;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads what an import source (discovery, an asset export, the nightly ETL process) reports into
 * the CMDB with reconciliation: each CI row is identified by class + serial number, or class + name
 * when it has no serial; new CIs are inserted, changed ones updated (history entries only for the
 * fields that changed, actor {@code import:<source>}), unchanged ones left alone, so running the
 * same input again changes nothing and never duplicates. With {@code retireMissing}, CIs the same
 * source reported before and no longer reports are retired.
 *
 * <p>Bad rows do not stop a run, and nothing is half-loaded: every row is checked first; the
 * rejected ones (with row number and reason) go into the run report, and the valid ones are applied
 * together in one transaction, or not at all if writing fails. A CI whose row was rejected is not
 * one the source stopped reporting, so a run with rejected CI rows retires nothing. Writes are
 * plain set-based SQL (see {@link ImportSql}); each run's report is stored ({@link #run(long)},
 * {@link #recent(String, int)}).
 */
public class CmdbImport {

  private static final Pattern SOURCE = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,49}$");

  private final Cmdb cmdb;
  private final JdbcTemplate jdbc;
  private final ImportSql sql;
  private final ImportRuns runs;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  CmdbImport(
      final Cmdb cmdb,
      final DataSource dataSource,
      final PlatformTransactionManager transactionManager,
      final Clock clock) {
    this.cmdb = cmdb;
    this.jdbc = new JdbcTemplate(dataSource);
    this.sql = new ImportSql(jdbc, json);
    this.runs = new ImportRuns(jdbc);
    this.transactions = new TransactionTemplate(transactionManager);
    this.clock = clock;
  }

  /**
   * Runs the import and answers its stored report.
   *
   * @throws InvalidCiException field {@code source}: not a name like {@code discovery}
   * @throws ConcurrentCiChangeException a CI changed meanwhile (nothing written; the FAILED run is
   *     stored)
   */
  public ImportRun importCis(final CiImport input) {
    checkSource(input == null ? null : input.source());
    final Instant started = clock.instant();
    try {
      return transactions.execute(status -> load(input, started));
    } catch (RuntimeException e) {
      runs.save(
          new ImportRun(
              0,
              input.source(),
              input.retireMissing(),
              ImportRun.Status.FAILED,
              started,
              clock.instant(),
              0,
              0,
              0,
              0,
              false,
              0,
              0,
              0,
              0,
              e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
              List.of()));
      throw e;
    }
  }

  /**
   * Records a run that read nothing because no source is configured ({@code why}, e.g. "no source
   * configured: file:///… does not exist"), so the report shows the night it was skipped.
   *
   * @throws InvalidCiException field {@code source}: not a name like {@code discovery}
   */
  public ImportRun skip(final String source, final boolean retireMissing, final String why) {
    checkSource(source);
    final Instant now = clock.instant();
    return runs.save(
        new ImportRun(
            0,
            source,
            retireMissing,
            ImportRun.Status.SKIPPED,
            now,
            now,
            0,
            0,
            0,
            0,
            false,
            0,
            0,
            0,
            0,
            "skipped: " + why,
            List.of()));
  }

  /** Whether {@code source} was ever loaded, i.e. it has been configured and delivered. */
  public boolean everLoaded(final String source) {
    checkSource(source);
    return runs.everLoaded(source);
  }

  /** A run's report with its rejected rows. */
  public Optional<ImportRun> run(final long id) {
    return runs.find(id);
  }

  /** The latest runs (at most {@code limit}, ≤ 500), newest first, of one source or all (null). */
  public List<ImportRun> recent(final String source, final int limit) {
    return runs.recent(source, limit);
  }

  private ImportRun load(final CiImport input, final Instant started) {
    sql.lock();
    final Map<String, CiClass> classes =
        cmdb.classes().stream().collect(Collectors.toMap(CiClass::name, Function.identity()));
    final ImportPlan plan =
        new ImportReconciliation(
                classes, ExistingCis.load(jdbc, namedClasses(input, classes), json), this::classOf)
            .plan(input);
    final Instant now = clock.instant();
    final String actor = input.actor();
    sql.insert(plan.inserts, now);
    sql.update(plan.updates, now);
    int retired = 0;
    final boolean retireSkipped = input.retireMissing() && plan.rejectedCis();
    if (input.retireMissing() && !retireSkipped) {
      final List<ImportPlan.Entry> gone =
          sql.inService(input.source()).stream()
              .filter(ci -> !plan.reported.contains(ci.ciId()))
              .toList();
      sql.retire(gone, now);
      plan.history.addAll(gone);
      retired = gone.size();
    }
    final List<ImportPlan.Link> added = sql.relate(plan.links, actor, now);
    for (final ImportPlan.Link link : added) {
      plan.history.add(
          new ImportPlan.Entry(
              link.source(), "relationship", null, link.type().label() + " " + link.targetLabel()));
    }
    sql.reportedRelationships(input.source(), plan.links);
    int removed = 0;
    if (removesRelationships(input, plan)) {
      final List<ImportSql.Unlink> gone = sql.noLongerReported(input.source(), plan.links);
      sql.unrelate(gone);
      gone.forEach(
          r ->
              plan.history.add(
                  new ImportPlan.Entry(r.source(), "relationship", r.described(), null)));
      removed = gone.size();
    }
    sql.history(plan.history, actor, now);
    final Set<UUID> before = sql.reportedBefore(input.source());
    sql.reported(
        input.source(), plan.reported.stream().filter(id -> !before.contains(id)).toList());
    return runs.save(
        new ImportRun(
            0,
            input.source(),
            input.retireMissing(),
            ImportRun.Status.LOADED,
            started,
            clock.instant(),
            plan.inserts.size(),
            plan.updates.size(),
            plan.unchanged,
            retired,
            retireSkipped,
            added.size(),
            plan.links.size() - added.size(),
            removed,
            plan.rejects.size(),
            null,
            plan.rejects));
  }

  private static void checkSource(final String source) {
    if (source == null || !SOURCE.matcher(source).matches()) {
      throw new InvalidCiException(
          "source",
          "a source is named like discovery or vmware-export (a–z, 0–9, '.', '_', '-', at most"
              + " 50)");
    }
  }

  // Retiring removes the relationships the source stopped reporting, but only from a run that
  // reports relationships at all (one of CIs alone says nothing about them) and rejected none: a
  // relationship whose row was malformed, or whose CI's row was, is not one the source dropped.
  private static boolean removesRelationships(final CiImport input, final ImportPlan plan) {
    return input.retireMissing() && !input.relationships().isEmpty() && plan.rejects.isEmpty();
  }

  // The classes whose CIs reconciliation may meet: those of the CI rows and both ends of the
  // relationship rows.
  private static Set<String> namedClasses(
      final CiImport input, final Map<String, CiClass> classes) {
    final Set<String> named = new HashSet<>();
    input.cis().forEach(row -> named.add(strip(row.className())));
    input
        .relationships()
        .forEach(
            row -> {
              named.add(strip(row.sourceClass()));
              named.add(strip(row.targetClass()));
            });
    named.retainAll(classes.keySet());
    return named;
  }

  private Optional<String> classOf(final UUID id) {
    return jdbc
        .queryForList("SELECT class_name FROM domain.ci WHERE id = ?", String.class, id)
        .stream()
        .findFirst();
  }

  private static String strip(final String value) {
    return value == null ? null : value.strip();
  }
}
