"""A network's figures over 10,000 organisations, and an organisation's own pages beside
them: does national scale slow either down?

The requirement: a coordinator's network page (/n/<network-slug>/) over 10,000
organisations and about a million answers responds in under 500 ms of server time on
PostgreSQL, because each cycle's scores are stored when it is submitted
(assessments.models.submitted) rather than worked out again from answers; and an
organisation's own pages are no slower than on a small database (within 1.2 times).

Run with `scripts/network-benchmark` (it starts a throwaway PostgreSQL with its default
settings and sets DATABASE_URL). In-process, with the test settings and Django's test
Client, as benchmarks/pages.py does:

1. Migrate and build the benchmark organisation of benchmarks/pages.py (the demo, five
   submitted cycles, one in progress with eight contributors, a plan of 50 actions); make
   a national network it joins (sharing its figures and its name) and a coordinator.
   This is the small database.
2. Copy it (CREATE DATABASE ... TEMPLATE) and add to the copy `NETWORK_ORGANISATIONS`
   (10,000) other organisations with SQL, set-based, in seconds: each with a lead, a
   sector, local authority areas, two submitted cycles of 48 indicator answers (three in
   ten also one in progress, half answered), the findings those answers give stored as
   submitting would store them, staff groups with training figures for six in ten, a
   plan for half (half of those approved and under way), the audit entries the services
   would have written, and a joined membership of the national network (nine in ten
   share their figures, nearly one in four their name). The fill runs in one transaction
   without the foreign keys' per-row checks (session_replication_role = replica: every
   id comes from the rows it joins), then VACUUM ANALYZE and a CHECKPOINT, as in a
   database that has been running a while (autovacuum would otherwise set to work on
   the new rows during the measurements). A change to peers' figures is counted and
   everything kept forgotten, so nothing built before the fill is served after it.
   This is the large database.
3. Time the organisation's own pages (its overview, the results of its latest submitted
   cycle and of the cycle in progress, its action plan, its board report) and the network
   page as its coordinator sees it, on both databases:
   - cold: each page's first request after a change to peers' figures, with nothing kept
     (what kept pages and peers' figures cost to build), on a connection that has served
     the page once: the median of three on each database, in turn;
   - warm: `BENCHMARK_RUNS` requests on each database, in `BENCHMARK_ROUNDS` rounds that
     alternate between the two (the connection switches database, and one warm-up
     request at each switch opens the new connection), so that a busy moment of this
     shared machine weighs on both alike; what is kept stays kept, as in a server process
     (the large database's peers' figures are counted a million changes on, so that no
     key answers for both); median and 90th percentile, each request timed with
     time.perf_counter around Client.get, and the queries of one more. A page that grows
     from request to request (more than 10% between its first and last) is pointed out.
4. Print the fill's time and counts, a table of small and large medians with their ratio
   and query counts, the cold requests, a verdict for the network page (median and p90
   against 500 ms) and for the organisation's own pages (warm medians against 1.2 times
   the small database's), and where the network page's time goes: its slowest queries,
   each run again under EXPLAIN ANALYZE for its execution and JIT compilation times.

The figures are measured, never assumed: a page over its budget is printed as over it.
The machine's other work moves every figure; run it again when they look noisy.

    scripts/network-benchmark
    BENCHMARK_RUNS=50 NETWORK_ORGANISATIONS=20000 scripts/network-benchmark
"""

import json
import os
import statistics
import sys
import time

if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    sys.exit("Run scripts/network-benchmark: it starts PostgreSQL and sets DATABASE_URL.")

import django_setup  # noqa: F401  (sets Django up before the imports below)

# isort: split
from django.db import connection, transaction
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pages import build_data

RUNS = int(os.environ.get("BENCHMARK_RUNS", "30"))
ROUNDS = int(os.environ.get("BENCHMARK_ROUNDS", "10"))
ORGANISATIONS = int(os.environ.get("NETWORK_ORGANISATIONS", "10000"))
NETWORK_BUDGET_MS = 500.0
OWN_PAGES_RATIO = 1.2
NETWORK_SLUG = "national"
COORDINATOR_EMAIL = "national.coordinator@example.org"
SLOWEST_SHOWN = 5
COLD_RUNS = 3


def national_network(organisation, lead):
    """The national network, its coordinator, and the organisation joined through the
    services (sharing its figures and its name)."""
    from accounts.services import user_create
    from networks.models import Coordinator, Network, NetworkKind, NetworkMembership
    from networks.services.memberships import network_invite, network_join

    network = Network.objects.create(
        slug=NETWORK_SLUG,
        kind=NetworkKind.NATIONAL,
        name_en="Trauma-Informed Wales community of practice",
        name_cy="Cymuned ymarfer Cymru sy'n Ystyriol o Drawma",
    )
    coordinator = user_create(
        email=COORDINATOR_EMAIL, full_name="National coordinator", password=None,
        email_confirmed=True,
    )  # fmt: skip
    Coordinator.objects.create(network=network, user=coordinator)
    network_invite(network=network, actor=coordinator, email=lead.email)
    membership = NetworkMembership.objects.get(network=network, organisation=organisation)
    network_join(membership=membership, actor=lead, shares_figures=True, shares_name=True)
    return network, coordinator


# The fill, one set-based statement a step. `nb_org` and `nb_cycle` are temporary tables
# of this connection: the new organisations (g numbers them) and their cycles (n = 1 and
# 2 submitted, the second the latest; n = 3 in progress).
FILL = [
    (
        "leads",
        """
        INSERT INTO accounts_user (password, is_superuser, email, full_name, is_staff,
            is_active, date_joined, language, email_confirmed_at)
        SELECT '!', false, 'lead' || g || '@network.benchmark', 'Lead ' || g, false, true,
            now() - interval '3 years', 'en', now() - interval '3 years'
        FROM generate_series(1, %(count)s) AS g
        """,
    ),
    (
        "organisations",
        """
        INSERT INTO organisations_organisation (name, slug, sector, size_band, created_at,
            updated_at, version)
        SELECT 'Organisation ' || g, 'nb-' || g,
            (%(sectors)s::text[])[1 + g %% cardinality(%(sectors)s::text[])],
            (%(sizes)s::text[])[1 + (g / 7) %% cardinality(%(sizes)s::text[])],
            now() - interval '3 years', now() - interval '3 years', 1
        FROM generate_series(1, %(count)s) AS g;
        CREATE TEMP TABLE nb_org AS
        SELECT substr(o.slug, 4)::int AS g, o.id AS org_id, u.id AS user_id,
            o.name AS org_name, u.full_name AS lead_name
        FROM organisations_organisation o
        JOIN accounts_user u ON u.email = 'lead' || substr(o.slug, 4) || '@network.benchmark'
        WHERE o.slug LIKE 'nb-%%';
        ANALYZE nb_org;
        INSERT INTO organisations_membership (organisation_id, user_id, role, created_at,
            version)
        SELECT org_id, user_id, 'lead', now() - interval '3 years', 1 FROM nb_org
        """,
    ),
    (
        # One to three local authority areas each (distinct: 5k mod 22 differs for k < 3);
        # one in nineteen names none, as the form allows.
        "areas",
        """
        INSERT INTO organisations_organisation_areas (organisation_id, area_id)
        SELECT n.org_id, la.ids[1 + (n.g * 7 + k * 5) %% cardinality(la.ids)]
        FROM nb_org n
        CROSS JOIN (SELECT array_agg(id ORDER BY "order", id) AS ids FROM organisations_area
                    WHERE kind = 'local_authority') la
        CROSS JOIN generate_series(0, 2) AS k
        WHERE n.g %% 19 <> 0 AND k < 1 + n.g %% 3
        """,
    ),
    (
        "cycles",
        """
        INSERT INTO assessments_assessmentcycle (name, period_start, period_end, status,
            created_at, submitted_at, created_by_id, framework_id, organisation_id,
            submitted_by_id, version, views_named)
        SELECT to_char(s.starts, 'YYYY') || ' review', s.starts, s.starts + 364,
            CASE WHEN s.n < 3 THEN 'submitted' ELSE 'in_progress' END,
            s.starts + interval '10 days', CASE WHEN s.n < 3 THEN s.at END, n.user_id,
            %(framework)s, n.org_id, CASE WHEN s.n < 3 THEN n.user_id END, 1, false
        FROM nb_org n
        CROSS JOIN LATERAL (VALUES
            (1, now() - (420 + n.g %% 300) * interval '1 day'),
            (2, now() - (20 + n.g %% 300) * interval '1 day'),
            (3, now())
        ) AS v(n, at)
        CROSS JOIN LATERAL (SELECT v.n, v.at, CASE WHEN v.n < 3 THEN v.at - interval '380 days'
                                   ELSE v.at - interval '30 days' END::date AS starts) s
        WHERE s.n < 3 OR n.g %% 10 < 3;
        CREATE TEMP TABLE nb_cycle AS
        SELECT c.id AS cycle_id, n.org_id, n.user_id, n.g, n.org_name, n.lead_name,
            row_number() OVER (PARTITION BY c.organisation_id ORDER BY c.period_start) AS n,
            c.status = 'submitted' AS submitted, c.submitted_at, c.created_at
        FROM assessments_assessmentcycle c JOIN nb_org n ON n.org_id = c.organisation_id;
        INSERT INTO assessments_response (created_at, contributor_id, cycle_id)
        SELECT created_at, NULL, cycle_id FROM nb_cycle;
        ALTER TABLE nb_cycle ADD COLUMN response_id bigint;
        UPDATE nb_cycle c SET response_id = r.id FROM assessments_response r
        WHERE r.cycle_id = c.cycle_id AND r.contributor_id IS NULL;
        ANALYZE nb_cycle
        """,
    ),
    (
        # Every active indicator of a submitted cycle (48), the first three domain areas of
        # one in progress. v, a number from 0 to 99 drawn from the row's ids, decides: under
        # 3 not applicable (with its reason), 3 to 7 don't know, otherwise a rating skewed
        # upwards, a step higher in one sector in seven and for about a third of
        # organisations, a step lower in another sector, often a step higher in the latest
        # cycle, in the first two domain areas, and lower in the last. (OFFSET 0 keeps v
        # worked out once a row, not once each use.)
        "answers",
        """
        INSERT INTO assessments_indicatoranswer (updated_at, score, dont_know,
            not_applicable, evidence, priority, indicator_id, updated_by_id, response_id)
        SELECT a.created_at + interval '20 days',
            CASE WHEN a.v >= 8 THEN least(4, greatest(0,
                CASE WHEN a.v < 13 THEN 0 WHEN a.v < 23 THEN 1 WHEN a.v < 50 THEN 2
                     WHEN a.v < 80 THEN 3 ELSE 4 END
                + (a.g %% 11 < 4 AND a.v %% 2 = 0)::int
                + (a.g %% 7 = 0 AND a.v %% 3 = 0)::int
                - (a.g %% 7 = 4 AND a.v %% 2 = 0)::int
                + (a.n = 2 AND a.v %% 4 = 0)::int
                + (a.domain_order <= 2 AND a.v %% 3 = 0)::int
                - (a.domain_order = 6 AND a.v %% 3 = 0)::int)) END,
            a.v BETWEEN 3 AND 7, a.v < 3,
            CASE WHEN a.v < 3 THEN 'We do not provide this service'
                 WHEN a.v %% 4 = 0 THEN 'Seen in our policies, minutes and staff survey'
                 ELSE '' END,
            a.v >= 8 AND a.v %% 29 = 0, a.indicator_id, a.user_id, a.response_id
        FROM (
            SELECT c.created_at, c.g, c.n, c.user_id, c.response_id, i.id AS indicator_id,
                i.domain_order, abs(hashtext(c.response_id || ':' || i.id)) %% 100 AS v
            FROM nb_cycle c
            JOIN (SELECT i.id, d."order" AS domain_order
                  FROM assessments_indicator i JOIN framework_domain d ON d.id = i.domain_id
                  WHERE i.framework_id = %(framework)s AND i.is_active AND d.is_active) i
              ON c.submitted OR i.domain_order <= 3
            OFFSET 0
        ) a;
        ANALYZE assessments_indicatoranswer
        """,
    ),
    (
        # What submitted_scores_store stores, worked out here from the answers just made
        # by the same rules (assessments.selectors.scoring): points over the rated answers,
        # given only when at least half of those that apply are rated.
        "stored findings",
        """
        WITH domains AS (
            SELECT d.id, d.code, count(i.id) AS total
            FROM framework_domain d
            JOIN assessments_indicator i ON i.domain_id = d.id AND i.is_active
            WHERE d.framework_id = %(framework)s AND d.is_active
            GROUP BY d.id, d.code
        ), sums AS (
            SELECT a.response_id, i.domain_id, coalesce(sum(a.score), 0) AS points,
                count(a.score) AS answered,
                count(*) FILTER (WHERE a.not_applicable) AS not_applicable
            FROM assessments_indicatoranswer a
            JOIN assessments_indicator i ON i.id = a.indicator_id AND i.is_active
            WHERE a.response_id IN (SELECT response_id FROM nb_cycle WHERE submitted)
            GROUP BY a.response_id, i.domain_id
        )
        INSERT INTO assessments_submitteddomainscore (domain_code, percentage, answered,
            applicable, submitted_on, is_latest, cycle_id, domain_id, organisation_id)
        SELECT d.code,
            CASE WHEN coalesce(s.answered, 0) > 0
                      AND s.answered * 2 >= d.total - s.not_applicable
                 THEN floor(100.0 * s.points / (s.answered * 4) + 0.5) END,
            coalesce(s.answered, 0), d.total - coalesce(s.not_applicable, 0),
            c.submitted_at::date, c.n = 2, c.cycle_id, d.id, c.org_id
        FROM nb_cycle c CROSS JOIN domains d
        LEFT JOIN sums s ON s.response_id = c.response_id AND s.domain_id = d.id
        WHERE c.submitted;
        INSERT INTO assessments_submittedfocus (indicator_code, is_latest, cycle_id,
            indicator_id, organisation_id)
        SELECT i.code, c.n = 2, c.cycle_id, i.id, c.org_id
        FROM nb_cycle c
        JOIN assessments_indicatoranswer a ON a.response_id = c.response_id
        JOIN assessments_indicator i ON i.id = a.indicator_id AND i.is_active
        WHERE c.submitted AND (a.priority OR a.score <= 1)
        """,
    ),
    (
        # Six in ten count their workforce: three groups, needing one to three levels.
        "workforce",
        """
        INSERT INTO workforce_staffgroup (name, description, headcount, created_at,
            updated_at, created_by_id, organisation_id, version)
        SELECT grp.name, '', 5 + (n.g * grp.k) %% 60, now() - interval '2 years',
            now() - interval '1 year', n.user_id, n.org_id, 1
        FROM nb_org n
        CROSS JOIN (VALUES (1, 'Reception staff'), (2, 'Support workers'), (3, 'Managers'))
            AS grp(k, name)
        WHERE n.g %% 5 < 3;
        INSERT INTO workforce_staffgroupneed (trained, counted_on, group_id, level_id)
        SELECT t.trained, CASE WHEN t.trained > 0 THEN current_date - n.g %% 200 END,
            sg.id, pl.id
        FROM workforce_staffgroup sg
        JOIN nb_org n ON n.org_id = sg.organisation_id
        JOIN framework_practicelevel pl ON pl.framework_id = %(framework)s AND pl.is_active
            AND pl."order" <= CASE sg.name WHEN 'Reception staff' THEN 1
                                           WHEN 'Support workers' THEN 2 ELSE 3 END
        CROSS JOIN LATERAL (
            SELECT sg.headcount * ((n.g + pl."order" * 17) %% 101) / 100 AS trained) t
        """,
    ),
    (
        # Half have a plan for their latest cycle, six actions each; half of those plans
        # are approved, with actions under way or done.
        "plans",
        """
        INSERT INTO action_plans_actionplan (title, period_start, period_end, status,
            revision, created_at, updated_at, created_by_id, cycle_id, version)
        SELECT 'Our trauma-informed plan', c.submitted_at::date,
            (c.submitted_at + interval '1 year')::date,
            CASE WHEN c.g %% 4 = 0 THEN 'approved'
                 ELSE (ARRAY['draft', 'in_review', 'changes_requested'])[1 + c.g %% 3] END,
            1, c.submitted_at + interval '1 day', c.submitted_at + interval '5 days',
            c.user_id, c.cycle_id, 1
        FROM nb_cycle c WHERE c.n = 2 AND c.g %% 2 = 0;
        INSERT INTO action_plans_action (description, responsible_other, target_date,
            resources, outcome, priority, delivery_status, cancelled_reason, created_at,
            updated_at, created_by_id, domain_id, plan_id, version)
        SELECT 'Action ' || k || ': train reception staff in trauma-aware practice',
            'Service manager', p.period_end, 'Two days of training',
            'People tell us they felt welcome', (ARRAY['high', 'medium', 'low'])[1 + k %% 3],
            CASE WHEN p.status = 'approved'
                 THEN (ARRAY['not_started', 'in_progress', 'completed', 'on_hold'])
                      [1 + (c.g + k) %% 4]
                 ELSE 'not_started' END,
            '', p.created_at, p.updated_at, p.created_by_id,
            d.ids[1 + k %% cardinality(d.ids)], p.id, 1
        FROM action_plans_actionplan p
        JOIN nb_cycle c ON c.cycle_id = p.cycle_id
        CROSS JOIN generate_series(1, 6) AS k
        CROSS JOIN (SELECT array_agg(id ORDER BY "order") AS ids FROM framework_domain
                    WHERE framework_id = %(framework)s AND is_active) d
        """,
    ),
    (
        "network memberships",
        """
        INSERT INTO networks_networkmembership (version, status, shares_figures,
            shares_name, invited_at, answered_at, updated_at, invited_by_id, network_id,
            organisation_id)
        SELECT 1, 'joined', n.g %% 13 <> 0, n.g %% 17 < 4,
            now() - (300 + n.g %% 200) * interval '1 day',
            now() - (290 + n.g %% 200) * interval '1 day',
            now() - (290 + n.g %% 200) * interval '1 day',
            %(coordinator)s, %(network)s, n.org_id
        FROM nb_org n
        """,
    ),
    (
        # What the services would have recorded: registering, each cycle's start, six
        # saves of answers and its submission, joining the network.
        "audit entries",
        """
        INSERT INTO trauma_wales_auditentry (action, target_type, target_id, details,
            created_at, actor_id, organisation_id, actor_name, organisation_name)
        SELECT e.action, 'assessments.assessmentcycle', c.cycle_id::text, '{}'::jsonb,
            c.created_at + e.day * interval '1 day', c.user_id, c.org_id, c.lead_name,
            c.org_name
        FROM nb_cycle c
        CROSS JOIN (VALUES (0, 'cycle.started'), (3, 'answers.saved'), (4, 'answers.saved'),
            (5, 'answers.saved'), (6, 'answers.saved'), (7, 'answers.saved'),
            (8, 'answers.saved')) AS e(day, action)
        WHERE e.day < 6 OR c.submitted;
        INSERT INTO trauma_wales_auditentry (action, target_type, target_id, details,
            created_at, actor_id, organisation_id, actor_name, organisation_name)
        SELECT 'cycle.submitted', 'assessments.assessmentcycle', c.cycle_id::text,
            '{}'::jsonb, c.submitted_at, c.user_id, c.org_id, c.lead_name, c.org_name
        FROM nb_cycle c WHERE c.submitted;
        INSERT INTO trauma_wales_auditentry (action, target_type, target_id, details,
            created_at, actor_id, organisation_id, actor_name, organisation_name)
        SELECT e.action, e.target_type, e.target_id, '{}'::jsonb, e.at, n.user_id,
            n.org_id, n.lead_name, n.org_name
        FROM nb_org n
        JOIN networks_networkmembership m ON m.organisation_id = n.org_id
            AND m.network_id = %(network)s
        CROSS JOIN LATERAL (VALUES
            ('organisation.registered', 'organisations.organisation', n.org_id::text,
             now() - interval '3 years'),
            ('network.joined', 'networks.networkmembership', m.id::text, m.answered_at)
        ) AS e(action, target_type, target_id, at)
        """,
    ),
]


def other_organisations(count: int, *, network, coordinator) -> list[tuple[str, float]]:
    """`count` organisations with their cycles, answers, stored findings, workforce, plans
    and a joined membership of `network`; how long each step took (seconds)."""
    from framework.models import FrameworkVersion
    from organisations.models import Sector, SizeBand

    params = {
        "count": count,
        "sectors": list(Sector.values),
        "sizes": list(SizeBand.values),
        "framework": FrameworkVersion.objects.current().pk,
        "network": network.pk,
        "coordinator": coordinator.pk,
    }
    steps = []
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica; SET LOCAL work_mem = '128MB'")
        for name, sql in FILL:
            started = time.perf_counter()
            cursor.execute(sql, params)
            steps.append((name, time.perf_counter() - started))
        cursor.execute("DROP TABLE nb_cycle; DROP TABLE nb_org")
    # As a database that has been running a while: vacuumed (autovacuum would otherwise
    # start on the new rows during the measurements) and its new pages written out.
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("CHECKPOINT")
    steps.append(("VACUUM ANALYZE", time.perf_counter() - started))
    return steps


def use(database: str) -> None:
    """Switch the connection to `database` (it connects again on its next query)."""
    if connection.settings_dict["NAME"] != database:
        connection.close()
        connection.settings_dict["NAME"] = database


def database_copy(source: str, target: str) -> None:
    use("postgres")  # a database may be copied only while nobody is connected to it
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
    use(source)


def counts() -> dict[str, int]:
    from action_plans.models import Action
    from assessments.models import (
        AssessmentCycle,
        IndicatorAnswer,
        SubmittedDomainScore,
        SubmittedFocus,
    )
    from networks.models import MembershipStatus, NetworkMembership
    from organisations.models import Organisation
    from trauma_wales.models import AuditEntry
    from workforce.models import StaffGroupNeed

    joined = NetworkMembership.objects.filter(
        network__slug=NETWORK_SLUG, status=MembershipStatus.JOINED
    )
    return {
        "organisations": Organisation.objects.count(),
        "assessment cycles": AssessmentCycle.objects.count(),
        "indicator answers": IndicatorAnswer.objects.count(),
        "stored domain scores": SubmittedDomainScore.objects.count(),
        "  of them the latest": SubmittedDomainScore.objects.filter(is_latest=True).count(),
        "stored focus indicators": SubmittedFocus.objects.count(),
        "staff groups' training needs": StaffGroupNeed.objects.count(),
        "plans' actions": Action.objects.count(),
        "audit entries": AuditEntry.objects.count(),
        "national network: joined": joined.count(),
        "  sharing their figures": joined.filter(shares_figures=True).count(),
        "  showing their name": joined.filter(shares_name=True).count(),
    }


def forget_kept() -> None:
    """As after a change anywhere among peers: peers' figures have a new version, and
    nothing kept (pages, peers' figures) is found again."""
    from trauma_wales.kept import PEER_FIGURES, kept_clear, shared_data_version_bump

    shared_data_version_bump(PEER_FIGURES)
    kept_clear()


def peer_versions_apart() -> None:
    """This database's peers' figures a million changes on from the other's: what is kept
    in this one process then never answers for both databases under one key. (The
    organisation's own kept pages may: its data is the same in both.)"""
    from trauma_wales.kept import PEER_FIGURES
    from trauma_wales.models import SharedDataVersion

    SharedDataVersion.objects.filter(name=PEER_FIGURES).update(number=F("number") + 1_000_000)


def get(client, url) -> tuple[float, int]:
    """One request: (ms, the page's size in bytes)."""
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(response.content)


def cold(client, url, databases: list[str]) -> dict[str, tuple[float, int]]:
    """The page's first request once everything kept is forgotten, `COLD_RUNS` times on
    each database in turn: (median ms, queries of the last)."""
    times: dict[str, list[float]] = {database: [] for database in databases}
    found = {}
    for number in range(COLD_RUNS):
        for database in databases if number % 2 == 0 else databases[::-1]:
            use(database)
            get(client, url)  # the connection warmed (it may be new), and the page kept
            forget_kept()
            with CaptureQueriesContext(connection) as queries:
                times[database].append(get(client, url)[0])
            found[database] = len(queries)
    return {
        database: (statistics.median(times[database]), found[database]) for database in databases
    }


def warm(client, url, databases: list[str]) -> dict[str, dict]:
    """`RUNS` requests on each database, in rounds that alternate between them, as a
    server would serve them: what is kept stays kept (one warm-up request at each switch
    for the new connection); then the queries of one more, and the page's size at its
    first and last request."""
    times: dict[str, list[float]] = {database: [] for database in databases}
    sizes: dict[str, list[int]] = {database: [] for database in databases}
    per_round = max(1, -(-RUNS // ROUNDS))
    for number in range(ROUNDS):
        for database in databases if number % 2 == 0 else databases[::-1]:
            use(database)
            sizes[database].append(get(client, url)[1])  # warm-up
            for _ in range(min(per_round, RUNS - len(times[database]))):
                elapsed, size = get(client, url)
                times[database].append(elapsed)
                sizes[database].append(size)
    figures = {}
    for database in databases:
        use(database)
        with CaptureQueriesContext(connection) as queries:
            sizes[database].append(get(client, url)[1])
        ordered = sorted(times[database])
        figures[database] = {
            "median": statistics.median(ordered),
            "p90": ordered[max(0, int(len(ordered) * 0.9) - 1)],
            "queries": len(queries),
            "first_size": sizes[database][0],
            "last_size": sizes[database][-1],
        }
    return figures


def slowest_queries(client, url) -> None:
    """The page's slowest queries in one request, each run again under EXPLAIN ANALYZE."""
    with CaptureQueriesContext(connection) as queries:
        get(client, url)
    captured = sorted(queries.captured_queries, key=lambda query: -float(query["time"]))
    total = sum(float(query["time"]) for query in captured) * 1000
    print(f"\nWhere the network page's time goes (large database, one request: "
          f"{len(captured)} queries, {total:.0f} ms in SQL); the slowest, then run again "
          "under EXPLAIN ANALYZE:\n")  # fmt: skip
    print(f"{'ms':>6} {'explain ms':>10} {'of it JIT':>9}  query")
    with connection.cursor() as cursor:
        for query in captured[:SLOWEST_SHOWN]:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query["sql"])
            plan = cursor.fetchone()[0]
            plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]
            jit = plan.get("JIT", {}).get("Timing", {}).get("Total", 0.0)
            jit = jit if isinstance(jit, float | int) else jit.get("Total", 0.0)
            text = " ".join(query["sql"].split())
            print(f"{float(query['time']) * 1000:>6.0f} {plan['Execution Time']:>10.0f} "
                  f"{jit:>9.0f}  {text[:110]}...")  # fmt: skip


def main() -> None:
    from assessments.models import AssessmentCycle, CycleStatus

    print(
        f"Database: PostgreSQL {connection.pg_version // 10000}, default settings; "
        f"{RUNS} warm requests per page and database, in {ROUNDS} alternating rounds; "
        "test settings, in-process test Client\n"
    )
    started = time.perf_counter()
    organisation, lead, in_progress = build_data()
    network, coordinator = national_network(organisation, lead)
    print(f"The benchmark organisation and the national network built in "
          f"{time.perf_counter() - started:.0f} s")  # fmt: skip
    submitted = (
        AssessmentCycle.objects.filter(organisation=organisation, status=CycleStatus.SUBMITTED)
        .order_by("-submitted_at")
        .first()
    )
    member, coordinating = Client(), Client()
    member.force_login(lead)
    coordinating.force_login(coordinator)
    slug = organisation.slug
    pages = [
        ("Organisation overview", member, reverse("organisations:overview", args=[slug])),
        (
            f"Results, latest submitted ({submitted.name})",
            member,
            reverse("assessments:results", args=[slug, submitted.pk]),
        ),
        (
            f"Results, in progress ({in_progress.name})",
            member,
            reverse("assessments:results", args=[slug, in_progress.pk]),
        ),
        ("Action plan (50 actions)", member, reverse("plans:plan", args=[slug, in_progress.pk])),
        ("Board report (HTML)", member, reverse("reports:report", args=[slug, in_progress.pk])),
    ]
    network_page = (
        "Network page (coordinator)",
        coordinating,
        reverse("coordinator:network", args=[network.slug]),
    )
    every_page = [*pages, network_page]
    for _label, client, url in every_page:
        get(client, url)  # Python warmed once: templates, the code's version
    small_counts = counts()

    small = connection.settings_dict["NAME"]
    large = f"{small}_large"
    database_copy(small, large)
    use(large)
    started = time.perf_counter()
    steps = other_organisations(ORGANISATIONS, network=network, coordinator=coordinator)
    forget_kept()
    peer_versions_apart()
    filled = time.perf_counter() - started
    print(f"\n{ORGANISATIONS:,} other organisations added with SQL in {filled:.1f} s ("
          + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in steps) + ")\n")  # fmt: skip
    large_counts = counts()
    print(f"{'':<36} {'small':>10} {'large':>10}")
    for label, n in large_counts.items():
        print(f"{label:<36} {small_counts[label]:>10,} {n:>10,}")

    results = {label: {} for label, *_rest in every_page}
    for label, client, url in every_page:
        for database, figures in cold(client, url, [small, large]).items():
            results[label][database, "cold"] = figures
    for label, client, url in every_page:
        for database, figures in warm(client, url, [small, large]).items():
            results[label][database] = figures

    print(f"\nWarm: median of {RUNS} requests (ms), the two databases in alternating rounds; "
          "queries of one more\n")  # fmt: skip
    print(f"{'page':<40} {'small':>8} {'large':>8} {'ratio':>6} {'p90 small':>10} "
          f"{'p90 large':>10} {'queries':>9}")  # fmt: skip
    for label, *_rest in every_page:
        s, b = results[label][small], results[label][large]
        queries = f"{s['queries']}/{b['queries']}"
        print(f"{label:<40} {s['median']:>8.1f} {b['median']:>8.1f} "
              f"{b['median'] / s['median']:>5.2f}x {s['p90']:>10.1f} {b['p90']:>10.1f} "
              f"{queries:>9}")  # fmt: skip

    grew = [
        (label, database_label, results[label][database])
        for label, *_rest in every_page
        for database, database_label in ((small, "small"), (large, "large"))
        if results[label][database]["last_size"] > 1.1 * results[label][database]["first_size"]
    ]
    for label, database_label, figures in grew:
        print(f"  {label}, {database_label} database: the page GREW from "
              f"{figures['first_size'] / 1000:.0f} KB at its first warm request to "
              f"{figures['last_size'] / 1000:.0f} KB at its last")  # fmt: skip

    print(f"\nCold: each page's first request after a change to peers' figures, with "
          f"nothing kept (median of {COLD_RUNS} on each database, in turn; ms)\n")  # fmt: skip
    print(f"{'page':<40} {'small':>8} {'large':>8} {'ratio':>6} {'queries':>9}")
    for label, *_rest in every_page:
        (s, s_queries), (b, b_queries) = (
            results[label][small, "cold"],
            results[label][large, "cold"],
        )
        print(f"{label:<40} {s:>8.1f} {b:>8.1f} {b / s:>5.2f}x "
              f"{f'{s_queries}/{b_queries}':>9}")  # fmt: skip

    figures = results[network_page[0]][large]
    within = figures["median"] < NETWORK_BUDGET_MS and figures["p90"] < NETWORK_BUDGET_MS
    print(
        f"\nNetwork page over {large_counts['national network: joined']:,} organisations "
        f"and {large_counts['indicator answers']:,} answers: median {figures['median']:.0f} "
        f"ms, p90 {figures['p90']:.0f} ms: "
        + ("WITHIN" if within else "OVER")
        + f" the {NETWORK_BUDGET_MS:.0f} ms budget."
    )
    ratios = [
        (label, results[label][large]["median"] / results[label][small]["median"])
        for label, *_rest in pages
    ]
    over = [(label, ratio) for label, ratio in ratios if ratio > OWN_PAGES_RATIO]
    worst_label, worst = max(ratios, key=lambda item: item[1])
    print(
        f"Organisation's own pages, warm medians, large against small: at most {worst:.2f}x "
        f"({worst_label}): "
        + (f"WITHIN {OWN_PAGES_RATIO}x." if not over else f"OVER {OWN_PAGES_RATIO}x for "
           + ", ".join(f"{label} ({ratio:.2f}x)" for label, ratio in over) + ".")
    )  # fmt: skip
    cold_over = [
        (label, results[label][large, "cold"][0] / results[label][small, "cold"][0])
        for label, *_rest in pages
    ]
    cold_over = [(label, ratio) for label, ratio in cold_over if ratio > OWN_PAGES_RATIO]
    print(
        "Cold, the first request after any change among peers (not held to the 1.2x): "
        + (f"every own page within {OWN_PAGES_RATIO}x." if not cold_over else
           ", ".join(f"{label} {ratio:.2f}x" for label, ratio in cold_over) + ".")
    )  # fmt: skip

    use(large)
    slowest_queries(network_page[1], network_page[2])
    use(small)


if __name__ == "__main__":
    main()
