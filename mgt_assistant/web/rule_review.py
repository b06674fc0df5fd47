"""The steering group's review of one version: table grids with comments, diff and replay."""

from __future__ import annotations

from collections import defaultdict

from fastapi import APIRouter, HTTPException, Request
from starlette.responses import Response

from mgt_assistant.db.models import Role, RuleRowComment
from mgt_assistant.domain.governance import diff_rule_sets
from mgt_assistant.domain.governance.changes import cell_text
from mgt_assistant.domain.rules import RuleSet
from mgt_assistant.domain.rules.model import HIT_POLICY_SV, LANES, PHASES, DecisionTable
from mgt_assistant.services import rule_review
from mgt_assistant.services import rule_versions as versions
from mgt_assistant.services.rule_versions import RuleVersionError
from mgt_assistant.web import flash
from mgt_assistant.web.deps import (
    RulesEditor,
    RulesReader,
    SessionDep,
    SettingsDep,
    TodayDep,
    compiled_version,
)
from mgt_assistant.web.forms import FormText
from mgt_assistant.web.rendering import render
from mgt_assistant.web.rule_version_views import (
    CataloguePage,
    DiffPage,
    GridPage,
    GridRow,
    version_rows,
)

router = APIRouter(prefix="/regelverk/versioner")


def _table(rule_set: RuleSet, table_id: str) -> DecisionTable:
    found = next((t for t in rule_set.tables if t.id == table_id), None)
    if found is None:
        raise HTTPException(status_code=404)
    return found


def _cell(rule_set: RuleSet, text: str) -> str:
    # Need ids read as their Swedish labels; other values as the diff writes them.
    parts = text.split(" eller ")
    return " eller ".join(
        rule_set.taxonomy.label(p) if rule_set.taxonomy.is_known(p) else p for p in parts
    )


def grid_rows(rule_set: RuleSet, table: DecisionTable) -> list[GridRow]:
    """Return a table's rows with each cell in words and the intervention's name."""
    return [
        GridRow(
            row,
            tuple(_cell(rule_set, cell_text(c)) for c in row.conditions),
            rule_set.interventions[row.intervention].name
            if row.intervention in rule_set.interventions
            else row.intervention,
        )
        for row in table.rows
    ]


@router.get("/{version_id}/tabeller/{table_id}")
def table_grid(
    request: Request,
    version_id: int,
    table_id: str,
    session: SessionDep,
    user: RulesReader,
    today: TodayDep,
) -> Response:
    """Show one table of a version as a grid: a column per input, a row per rule, comments.

    :raise 404: for an unknown version or table.
    """
    version = versions.get_version(session, version_id)
    rule_set = compiled_version(session, version).rule_set
    table = _table(rule_set, table_id)
    by_row: defaultdict[str, list[RuleRowComment]] = defaultdict(list)
    comments = rule_review.comments_of(session, version_id, table_id)
    for comment in comments:
        by_row[comment.row_id].append(comment)
    authors = {c.created_by_user_id for c in comments if c.created_by_user_id is not None}
    view = GridPage(
        title=f"{table.label} – version {version.version}",
        row=version_rows(session, [version], today)[0],
        table=table,
        rule_set=rule_set,
        grid=grid_rows(rule_set, table),
        hit_policy_words=HIT_POLICY_SV,
        comments=dict(by_row),
        user_names=versions.user_names(session, authors),
        can_comment=request.state.user.role in (Role.STYRGRUPP, Role.ADMIN),
    )
    return render(request, "rule_sets/grid.html", view)


@router.post("/{version_id}/tabeller/{table_id}/kommentarer")
def comment(
    request: Request,
    version_id: int,
    table_id: str,
    session: SessionDep,
    user: RulesEditor,
    row_id: FormText,
    text: FormText = "",
) -> Response:
    """Add a comment on one row of a table.

    :raise 404: for an unknown version, table or row.
    """
    version = versions.get_version(session, version_id)
    table = _table(compiled_version(session, version).rule_set, table_id)
    if all(row.id != row_id for row in table.rows):
        raise HTTPException(status_code=404)
    url = f"/regelverk/versioner/{version_id}/tabeller/{table_id}#rad-{row_id}"
    try:
        rule_review.add_comment(
            session, version_id, table_id=table_id, row_id=row_id, text=text, by=user
        )
    except RuleVersionError as error:
        return flash.redirect(request, url, str(error))
    return flash.redirect(request, url, f"Kommentaren till rad {row_id} är sparad.")


@router.get("/{version_id}/katalog")
def catalogue(
    request: Request, version_id: int, session: SessionDep, user: RulesReader, today: TodayDep
) -> Response:
    """Show a version's intervention catalogue and needs lexicon in readable form."""
    version = versions.get_version(session, version_id)
    rule_set = compiled_version(session, version).rule_set
    terms: defaultdict[str, list[str]] = defaultdict(list)
    for entry in rule_set.lexicon.entries:
        if not entry.kind:
            terms[entry.need_id].append(entry.text)
    view = CataloguePage(
        title=f"Insatser och behovsord – version {version.version}",
        row=version_rows(session, [version], today)[0],
        rule_set=rule_set,
        lanes=LANES,
        phases=PHASES,
        terms={need: sorted(set(words)) for need, words in terms.items()},
    )
    return render(request, "rule_sets/version_catalogue.html", view)


@router.get("/{version_id}/jamfor")
def compare(
    request: Request,
    version_id: int,
    session: SessionDep,
    user: RulesReader,
    today: TodayDep,
    med: int,
) -> Response:
    """Show the semantic diff from another version (``med``) to this one, in words.

    :raise 404: for an unknown version.
    """
    new = versions.get_version(session, version_id)
    old = versions.get_version(session, med)
    rows = version_rows(session, versions.list_versions(session), today)
    by_id = {r.version.id: r for r in rows}
    diff = diff_rule_sets(
        compiled_version(session, old).rule_set, compiled_version(session, new).rule_set
    )
    view = DiffPage(
        title=f"Skillnader {old.version} → {new.version}",
        old=by_id[old.id],
        new=by_id[new.id],
        diff=diff,
        choices=[r for r in rows if r.version.id != new.id],
    )
    return render(request, "rule_sets/diff.html", view)


@router.post("/{version_id}/provkorning")
def run_replay(
    request: Request,
    version_id: int,
    session: SessionDep,
    settings: SettingsDep,
    user: RulesEditor,
    today: TodayDep,
) -> Response:
    """Replay this version over the stored cases and golden scenarios; keep the result."""
    version = versions.get_version(session, version_id)
    in_use = versions.version_in_use(session, today=today, demo=settings.demo)
    baseline = in_use.version if in_use is not None else None
    if baseline is None or baseline.id == version.id:
        return flash.redirect(
            request,
            f"/regelverk/versioner/{version_id}#provkorning",
            "Provkörningen jämför med versionen som används; välj en annan version.",
        )
    report = rule_review.run_replay(
        session,
        version,
        baseline=compiled_version(session, baseline).rule_set,
        candidate=compiled_version(session, version).rule_set,
        by=user,
        today=today,
    )
    return flash.redirect(
        request,
        f"/regelverk/versioner/{version_id}#provkorning",
        f"Provkörningen är klar: {report.changed_plans} av {report.compared} planutkast ändras.",
    )
