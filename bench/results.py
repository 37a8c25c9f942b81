"""The benchmark's figures: wrk's result line, ratios, the issue's targets, the tables (pure)."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field, fields

from bench.workload import FLOOR, KINDS, SERVERS, SPARQL_KINDS

RESULT_PREFIX = "KG-BENCH "
MB = 1024 * 1024


class WrkOutputError(ValueError):
    """wrk ended without the result line of bench/wrk.lua."""


def parse_wrk(output: str) -> dict:
    """The JSON of the `KG-BENCH {…}` line that bench/wrk.lua's done() prints."""
    for line in output.splitlines():
        if line.startswith(RESULT_PREFIX):
            return json.loads(line[len(RESULT_PREFIX) :])
    tail = "\n".join(output.strip().splitlines()[-8:])
    raise WrkOutputError(f"wrk printed no {RESULT_PREFIX.strip()} line; its output ends with:\n{tail}")


@dataclass
class Case:
    """One kind of request against one server at one scale: what wrk measured."""

    scale: str
    kind: str
    server: str
    requests: int = 0
    seconds: float = 0.0
    bytes: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    socket_errors: dict[str, int] = field(default_factory=dict)  # connect, read, write, timeout
    latency_ms: dict[str, float] = field(default_factory=dict)  # p50, p90, p99, max, mean
    samples: list[str] = field(default_factory=list)  # a few bodies of non-2xx answers
    connections: int = 0
    peak_rss: int | None = None  # bytes: the server's processes together, during this case
    probe: dict = field(default_factory=dict)  # the list's last request, sent once before the load: status, rows, bytes
    cache_hits: int = 0  # answers with X-KG-Cache: hit (ours only sends it); reports older than it have none
    error: str = ""  # why there is no figure (the run failed)

    @classmethod
    def from_wrk(cls, scale: str, kind: str, server: str, result: dict, connections: int = 0) -> Case:
        errors = dict(result.get("errors", {}))
        errors.pop("status", None)  # counted from the statuses
        return cls(
            scale=scale,
            kind=kind,
            server=server,
            requests=int(result["requests"]),
            seconds=float(result["seconds"]),
            bytes=int(result.get("bytes", 0)),
            statuses={str(k): int(v) for k, v in result.get("statuses", {}).items()},
            socket_errors={k: int(v) for k, v in errors.items()},
            latency_ms={k: v / 1000 for k, v in result["latency_us"].items()},
            samples=list(result.get("samples", [])),
            connections=connections,
            cache_hits=int(result.get("cache_hits", 0)),
        )

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def rps(self) -> float:
        """Successful (2xx) answers per second: a refusal (429, 503) is quick and is not work done."""
        return (self.requests - self.non_2xx) / self.seconds if self.seconds > 0 else 0.0

    @property
    def non_2xx(self) -> int:
        return sum(n for status, n in self.statuses.items() if not status.startswith("2"))

    @property
    def errors(self) -> int:
        """Socket errors: connect, read, write, timeout."""
        return sum(self.socket_errors.values())

    def to_json(self) -> dict:
        data = asdict(self)
        data.update(
            ok_per_s=round(self.rps, 2), non_2xx=self.non_2xx, answers_per_s=round(self.requests / self.seconds, 2) if self.seconds > 0 else 0.0
        )
        return data


@dataclass
class Scale:
    """One scale of a run: the data, its build, and every case."""

    name: str
    target_triples: int | None  # what was asked of `kg generate` (None: existing data)
    triples: int = 0  # what the publication holds (manifest)
    generate_s: float | None = None
    build_s: float | None = None
    build_peak_rss: int | None = None  # bytes: the build's processes together (sampled), or its largest one
    rebuild_one_s: float | None = None  # the build again after one report changed (the others reused)
    store_bytes: int | None = None
    server_peak_rss: dict[str, int] = field(default_factory=dict)  # server -> bytes, over all its cases
    server_start_s: dict[str, float] = field(default_factory=dict)  # server -> seconds until it answered (largest)
    cases: list[Case] = field(default_factory=list)
    error: str = ""

    def case(self, kind: str, server: str) -> Case | None:
        return next((c for c in self.cases if c.kind == kind and c.server == server and c.ok), None)

    def to_json(self) -> dict:
        data = asdict(self)
        data["cases"] = [c.to_json() for c in self.cases]
        return data


def describe_answer(status: int, content_type: str, body: bytes) -> dict:
    """Status, size and (for SPARQL JSON results) the number of rows of one answer."""
    found = {"status": status, "bytes": len(body)}
    if "json" in content_type:
        try:
            data = json.loads(body)
            found["rows"] = len(data["results"]["bindings"]) if "results" in data else None
        except (ValueError, KeyError, TypeError):
            found["rows"] = None
    return found


def probe_mismatches(scale: Scale) -> list[str]:
    """Notes where servers answered the probe (the same request of a kind) differently (status or rows)."""
    notes = []
    for kind in sorted({c.kind for c in scale.cases}):
        answers = {c.server: (c.probe.get("status"), c.probe.get("rows")) for c in scale.cases if c.kind == kind and c.probe and "rows" in c.probe}
        if len(set(answers.values())) > 1:
            notes.append(
                f"{scale.name} {kind}: the servers answered the probe request differently: "
                + ", ".join(f"{server} {status} with {rows} rows" for server, (status, rows) in sorted(answers.items()))
            )
    return notes


def load_scales(report: dict) -> list[Scale]:
    """The scales of a report written by `report_json` (to render it again)."""
    case_fields = {f.name for f in fields(Case)}
    scales = []
    for data in report["scales"]:
        cases = [Case(**{k: v for k, v in c.items() if k in case_fields}) for c in data["cases"]]
        scales.append(Scale(**{**{k: v for k, v in data.items() if k in {f.name for f in fields(Scale)}}, "cases": cases}))
    return scales


def scale_name(triples: int) -> str:
    """10000 -> 10k, 1000000 -> 1M, 2500 -> 2.5k."""
    for unit, size in (("M", 1_000_000), ("k", 1_000)):
        if triples >= size:
            return f"{triples / size:.3g}{unit}"
    return str(triples)


def ratio(scale: Scale, kind: str, server: str, reference: str) -> float | None:
    """2xx/s of `server` over 2xx/s of `reference` for a kind; None when either has no figure. When the
    reference answered nothing in its run, a lower bound: as if it had answered once (see `is_lower_bound`)."""
    ours, theirs = scale.case(kind, server), scale.case(kind, reference)
    if ours is None or theirs is None or ours.rps == 0:
        return None
    if theirs.rps == 0:
        return ours.rps * theirs.seconds if theirs.seconds > 0 else None
    return ours.rps / theirs.rps


def is_lower_bound(scale: Scale, kind: str, reference: str) -> bool:
    """The reference answered nothing (2xx) within its run: a ratio against it is only a lower bound."""
    theirs = scale.case(kind, reference)
    return theirs is not None and theirs.rps == 0


@dataclass
class Target:
    """One target of the issue, checked: PASS, MISS, or n/a (nothing measured to check it)."""

    name: str
    scale: str
    measured: str
    status: str  # PASS | MISS | n/a
    detail: str = ""
    issue: int = 5  # the issue that set it: the report lists each issue's targets apart

    def line(self) -> str:
        where = f" at {self.scale}" if self.scale else ""
        detail = f" — {self.detail}" if self.detail else ""
        return f"{self.status:<4}  {self.name}{where}: {self.measured}{detail}"


def _at_least(
    name: str, scale: str, value: float | None, bound: float, unit: str = "x", missing: str = "not measured", lower_bound: bool = False
) -> Target:
    if value is None:
        return Target(name, scale, missing, "n/a")
    measured = (">" if lower_bound else "") + (fmt_ratio(value) if unit == "x" else f"{fmt_number(value)} {unit}")
    if value >= bound:
        return Target(name, scale, measured, "PASS")
    if lower_bound:
        return Target(name, scale, measured, "n/a", "the other server answered nothing in its run: only a lower bound")
    return Target(name, scale, measured, "MISS", f"{(1 - value / bound) * 100:.0f}% short of {bound:g}{unit}")


def _at_most(name: str, scale: str, value: float | None, bound: float, unit: str, missing: str = "not measured") -> Target:
    if value is None:
        return Target(name, scale, missing, "n/a")
    measured = f"{fmt_number(value)} {unit}".rstrip()
    if value <= bound:
        return Target(name, scale, measured, "PASS")
    return Target(name, scale, measured, "MISS", f"{(value / bound - 1) * 100:.0f}% over {bound:g} {unit}".rstrip())


MILLION = 1_000_000


def hits_note(case: Case | None) -> str:
    """' (N cache hits)' when the case had answers from a cache (its figures are not all distinct work), else ''."""
    return f" ({case.cache_hits:,} cache hits)" if case is not None and case.cache_hits > 0 else ""


def _judged_on(target: Target, case: Case | None) -> Target:
    """The target, its measure followed by the cache hits of our case it is judged on, if any."""
    target.measured += hits_note(case)
    return target


def check_targets(scales: list[Scale], real_build_s: float | None) -> list[Target]:
    """The targets of issue 5 against the figures of one run."""
    targets: list[Target] = []
    for s in scales:
        lookup = s.case("lookup", "kg")
        targets.append(
            _judged_on(
                _at_least(
                    "lookups ≥ 0.5x oxigraph", s.name, ratio(s, "lookup", "kg", "oxigraph"), 0.5, lower_bound=is_lower_bound(s, "lookup", "oxigraph")
                ),
                lookup,
            )
        )
        spread = lookup.latency_ms["p99"] / lookup.latency_ms["p50"] if lookup and lookup.latency_ms.get("p50") else None
        targets.append(_judged_on(_at_most("lookups p99 ≤ 5x p50", s.name, spread, 5, "x p50"), lookup))
        for kind in ("group-by", "label-search"):
            versus = _at_least(
                f"{kind} ≥ 1.0x oxigraph", s.name, ratio(s, kind, "kg", "oxigraph"), 1.0, lower_bound=is_lower_bound(s, kind, "oxigraph")
            )
            targets.append(_judged_on(versus, s.case(kind, "kg")))
        for kind in SPARQL_KINDS:
            versus = _at_least(
                f"{kind} ≥ 20x rdflib-endpoint",
                s.name,
                ratio(s, kind, "kg", "rdflib-endpoint"),
                20,
                lower_bound=is_lower_bound(s, kind, "rdflib-endpoint"),
            )
            targets.append(_judged_on(versus, s.case(kind, "kg")))
    at_1m = [s for s in scales if (s.target_triples or s.triples) >= MILLION]
    for s in at_1m:
        page = s.case("html-1c", "kg") or s.case("html", "kg")
        rss = s.server_peak_rss.get("kg")
        targets.append(_judged_on(_at_most("HTML page p50 < 10 ms", s.name, page.latency_ms["p50"] if page else None, 10, "ms"), page))
        figures = s.case("figures", "kg")
        figures_p50 = figures.latency_ms.get("p50") if figures else None
        targets.append(_judged_on(_at_most("/figures p50 < 100 ms", s.name, figures_p50, 100, "ms"), figures))
        targets.append(_at_most("server RSS < 1 GB", s.name, rss / MB if rss else None, 1024, "MB"))
        targets.append(_at_most("build < 120 s", s.name, s.build_s, 120, "s"))
    if not at_1m:  # checked at nothing; the largest scale's figures as a hint
        largest = max(scales, key=lambda s: s.triples, default=None)
        page = largest and (largest.case("html-1c", "kg") or largest.case("html", "kg"))
        rss = largest and largest.server_peak_rss.get("kg")
        none = "no 1M scale in this run"
        targets.append(
            Target(
                "HTML page p50 < 10 ms",
                "1M",
                none,
                "n/a",
                f"at {largest.name}: {fmt_number(page.latency_ms['p50'])} ms{hits_note(page)}" if page else "",
            )
        )
        targets.append(Target("server RSS < 1 GB", "1M", none, "n/a", f"at {largest.name}: {rss / MB:.0f} MB" if rss else ""))
        targets.append(
            Target("build < 120 s", "1M", none, "n/a", f"at {largest.name}: {fmt_number(largest.build_s)} s" if largest and largest.build_s else "")
        )
    targets.append(_at_most("build of the real report < 3 s", "", real_build_s, 3, "s"))
    targets.append(linear_build(scales))
    return targets + issue12_targets(scales)


# Issue 12's targets: (name, kind, reference, bound) — kg's 2xx/s over the reference's, same run, same data.
ISSUE12 = (
    ("lookups ≥ 0.4x oxigraph", "lookup", "oxigraph", 0.4),
    (f"lookups ≥ 0.8x {FLOOR}", "lookup", FLOOR, 0.8),
    ("lookups ≥ 20x rdflib-endpoint", "lookup", "rdflib-endpoint", 20),
    ("group-by ≥ 0.9x oxigraph", "group-by", "oxigraph", 0.9),
    ("label-search ≥ 0.9x oxigraph", "label-search", "oxigraph", 0.9),
)


def issue12_targets(scales: list[Scale]) -> list[Target]:
    """The targets of issue 12 against the figures of one run, at every scale: ratios of kg's 2xx/s."""
    targets = []
    for s in scales:
        for name, kind, reference, bound in ISSUE12:
            target = _at_least(name, s.name, ratio(s, kind, "kg", reference), bound, lower_bound=is_lower_bound(s, kind, reference))
            target.issue = 12
            targets.append(_judged_on(target, s.case(kind, "kg")))
    return targets


def by_issue(targets: list[Target]) -> list[tuple[int, list[Target]]]:
    """The targets grouped by the issue that set them, in the issues' order."""
    return [(n, [t for t in targets if t.issue == n]) for n in sorted({t.issue for t in targets})]


def linear_build(scales: list[Scale]) -> Target:
    """100k -> 1M no worse than linear: the build time grows at most as much as the triples."""
    name = "build 100k → 1M no worse than linear"
    small = next((s for s in scales if s.target_triples == 100_000 and s.build_s), None)
    big = next((s for s in scales if s.target_triples == MILLION and s.build_s), None)
    if small is None or big is None:
        return Target(name, "", "needs the 100k and 1M scales", "n/a")
    time_ratio, size_ratio = big.build_s / small.build_s, big.triples / small.triples
    measured = f"time x{time_ratio:.2f} for triples x{size_ratio:.2f}"
    if time_ratio <= size_ratio:
        return Target(name, "", measured, "PASS")
    return Target(name, "", measured, "MISS", f"{(time_ratio / size_ratio - 1) * 100:.0f}% worse than linear")


# ---- formatting ---------------------------------------------------------------------------------------


def fmt_ratio(value: float | None) -> str:
    if value is None:
        return "n/a"
    if math.isinf(value):
        return "inf"
    if value < 0.01:
        return f"{value:.4f}x"
    return f"{value:.2f}x" if value < 10 else f"{value:.0f}x"


def fmt_number(value: float) -> str:
    """3 significant digits, never in exponent form: 0.512, 7.67, 1,386."""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def fmt_against(scale: Scale, kind: str, server: str, reference: str) -> str:
    value = ratio(scale, kind, server, reference)
    return (">" if value is not None and is_lower_bound(scale, kind, reference) else "") + fmt_ratio(value)


def fmt_rate(value: float) -> str:
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def fmt_ms(value: float | None) -> str:
    if value is None:
        return "n/a"
    if value < 10:
        return f"{value:.2f}"
    return f"{value:,.1f}" if value < 1000 else f"{value:,.0f}"


def fmt_mb(value: int | None) -> str:
    return "n/a" if value is None else f"{value / MB:,.0f} MB"


def fmt_s(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f} s"


COLUMNS = ("kind", "server", "2xx/s", "p50 ms", "p99 ms", "non-2xx", "sock err", "cache hits", "vs oxigraph", "vs rdflib-ep", "vs floor", "peak RSS")
CACHING_SERVERS = ("kg",)  # the servers that say whether an answer came from their cache (X-KG-Cache)


def case_rows(scale: Scale) -> list[tuple[str, ...]]:
    """One row per kind and server, in the order of KINDS and SERVERS; n/a where a server has no such route."""
    rows = []
    for kind in (k.name for k in KINDS):
        for server in SERVERS:
            case = next((c for c in scale.cases if c.kind == kind and c.server == server), None)
            if case is None:
                continue
            if not case.ok:
                rows.append((kind, server, "failed", "", "", "", "", "", "", "", "", case.error[:60]))
                continue
            answered = case.requests > 0  # wrk reports 0 ms when no request completed
            rows.append(
                (
                    kind,
                    server,
                    fmt_rate(case.rps),
                    fmt_ms(case.latency_ms.get("p50") if answered else None),
                    fmt_ms(case.latency_ms.get("p99") if answered else None),
                    str(case.non_2xx),
                    str(case.errors),
                    str(case.cache_hits) if server in CACHING_SERVERS else "",
                    "" if server == "oxigraph" else fmt_against(scale, kind, server, "oxigraph"),
                    "" if server == "rdflib-endpoint" else fmt_against(scale, kind, server, "rdflib-endpoint"),
                    "" if server == FLOOR else fmt_against(scale, kind, server, FLOOR),
                    fmt_mb(case.peak_rss),
                )
            )
    return rows


def scale_summary(scale: Scale) -> list[str]:
    """The lines about a scale above its table: data, build, store, servers' memory."""
    asked = f", asked {scale.target_triples:,}" if scale.target_triples else ""
    lines = [
        f"scale {scale.name}: {scale.triples:,} triples{asked}",
        f"  build {fmt_s(scale.build_s)}, build peak RSS {fmt_mb(scale.build_peak_rss)}, "
        f"store {fmt_mb(scale.store_bytes)}"
        + (f", generate {fmt_s(scale.generate_s)}" if scale.generate_s else "")
        + (f"; rebuild after one report changed {fmt_s(scale.rebuild_one_s)}" if scale.rebuild_one_s else ""),
    ]
    if scale.server_peak_rss:
        lines.append(
            "  server peak RSS (all its processes): "
            + ", ".join(f"{server} {fmt_mb(scale.server_peak_rss[server])}" for server in SERVERS if server in scale.server_peak_rss)
        )
    if scale.server_start_s:
        lines.append(
            "  server ready after: "
            + ", ".join(f"{server} {fmt_s(scale.server_start_s[server])}" for server in SERVERS if server in scale.server_start_s)
        )
    if scale.error:
        lines.append(f"  error: {scale.error}")
    return lines


def text_table(rows: list[tuple[str, ...]], columns: tuple[str, ...] = COLUMNS) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(columns, *rows, strict=True)]
    numeric = [i >= 2 for i in range(len(columns))]

    def line(cells):
        return "  ".join(str(c).rjust(w) if numeric[i] else str(c).ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    return "\n".join([line(columns), line(["-" * w for w in widths])] + [line(r) for r in rows])


def markdown_table(rows: list[tuple[str, ...]], columns: tuple[str, ...] = COLUMNS) -> str:
    def line(cells):
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

    align = "|" + "|".join("---" if i < 2 else "---:" for i in range(len(columns))) + "|"
    return "\n".join([line(columns), align] + [line(r) for r in rows])


def render_text(header: list[str], scales: list[Scale], targets: list[Target], notes: list[str]) -> str:
    parts = header[:]
    for scale in scales:
        parts += [""] + scale_summary(scale) + [""] + [text_table(case_rows(scale))]
    for issue, listed in by_issue(targets) or [(5, [])]:
        parts += ["", f"targets (issue {issue}):"] + [t.line() for t in listed]
    if notes:
        parts += [""] + notes
    return "\n".join(parts) + "\n"


def render_markdown(header: list[str], scales: list[Scale], targets: list[Target], notes: list[str]) -> str:
    parts = ["# Benchmark", ""] + [f"{h}  " for h in header]
    for scale in scales:
        summary = scale_summary(scale)
        parts += ["", f"## {summary[0]}", ""] + [f"- {line.strip()}" for line in summary[1:]]
        parts += ["", markdown_table(case_rows(scale))]
    for issue, listed in by_issue(targets) or [(5, [])]:
        parts += ["", f"## Targets (issue {issue})", ""] + [f"- {t.line()}" for t in listed]
    if notes:
        parts += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    return "\n".join(parts) + "\n"


def report_json(meta: dict, scales: list[Scale], targets: list[Target], notes: list[str]) -> dict:
    return {**meta, "scales": [s.to_json() for s in scales], "targets": [asdict(t) for t in targets], "notes": notes}
