"""Follow-up (issue 11): results against targets, suppression, export, estimate, unmet needs.

Pure: the web layer runs ``GROUP BY`` queries and hands the core counts::

    report = target_report(rule_set.outcomes, end_counts)          # EndCount rows
    tables = intervention_results(rule_set.outcomes, rows, labels)  # per year
    follow_ups = follow_up_table(follow_up_counts)                  # 6 and 12 months
    estimate = socio_economic_estimate(rule_set.outcomes, report, follow_ups)
    lines = export_rows(rule_set.outcomes, participant_counts, period_start=…,
                        period_end=…, intervention_labels=…)
    csv_bytes, xlsx_bytes = to_csv(lines), to_xlsx(lines)
    register = unmet_register(unmet_counts, texts, need_labels)

Every figure passes through :func:`suppress` ("< 5" and secondary "x").
"""

from mgt_assistant.domain.followup.export import (
    EXPORT_COLUMNS,
    EXPORT_VARIABLES,
    ExportRow,
    ParticipantCount,
    age_group,
    category_labels,
    export_rows,
    to_csv,
    to_xlsx,
)
from mgt_assistant.domain.followup.records import (
    FOLLOW_UP_MONTHS,
    FOLLOW_UP_RESULTS,
    INTERVENTION_OUTCOMES,
    EndCount,
    EndedCase,
    FollowUpAnswer,
    FollowUpCount,
    FollowUpError,
    InterventionOutcomeCount,
    InterventionResult,
    Quarter,
    follow_up_due,
    local_date,
    quarter_of,
    quarters_between,
    read_ended_case,
    read_follow_up,
)
from mgt_assistant.domain.followup.results import (
    CountTable,
    ResultColumn,
    completion_table,
    follow_up_table,
    intervention_results,
    result_columns,
)
from mgt_assistant.domain.followup.socio import (
    EstimateLine,
    SocioEconomicEstimate,
    format_sek,
    socio_economic_estimate,
)
from mgt_assistant.domain.followup.suppression import (
    LEGEND,
    Figure,
    Relation,
    SuppressionError,
    grid_relations,
    suppress,
    suppress_grid,
)
from mgt_assistant.domain.followup.targets import TargetFigure, TargetReport, target_report
from mgt_assistant.domain.followup.unmet import (
    UNMET_KINDS,
    ProposedUnmetNeed,
    UnmetNeed,
    UnmetNeedCount,
    UnmetRegister,
    propose_unmet_needs,
    read_unmet_need,
    unmet_register,
)

__all__ = [
    "EXPORT_COLUMNS",
    "EXPORT_VARIABLES",
    "FOLLOW_UP_MONTHS",
    "FOLLOW_UP_RESULTS",
    "INTERVENTION_OUTCOMES",
    "LEGEND",
    "UNMET_KINDS",
    "CountTable",
    "EndCount",
    "EndedCase",
    "EstimateLine",
    "ExportRow",
    "Figure",
    "FollowUpAnswer",
    "FollowUpCount",
    "FollowUpError",
    "InterventionOutcomeCount",
    "InterventionResult",
    "ParticipantCount",
    "ProposedUnmetNeed",
    "Quarter",
    "Relation",
    "ResultColumn",
    "SocioEconomicEstimate",
    "SuppressionError",
    "TargetFigure",
    "TargetReport",
    "UnmetNeed",
    "UnmetNeedCount",
    "UnmetRegister",
    "age_group",
    "category_labels",
    "completion_table",
    "export_rows",
    "follow_up_due",
    "follow_up_table",
    "format_sek",
    "grid_relations",
    "intervention_results",
    "local_date",
    "propose_unmet_needs",
    "quarter_of",
    "quarters_between",
    "read_ended_case",
    "read_follow_up",
    "read_unmet_need",
    "result_columns",
    "socio_economic_estimate",
    "suppress",
    "suppress_grid",
    "target_report",
    "to_csv",
    "to_xlsx",
    "unmet_register",
]
