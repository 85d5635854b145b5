"""Targets against outcomes, for tools/import_shared.py (issue 17).

China's annual growth targets (Government Work Reports) and their outcomes
with vintages, the 14th and 15th Five-Year Plan and Made in China 2025
indicators, the founding report's missing statements, and the links from a
target measure to the series that measures its outcome. Every fact comes
from one row of a research table in data/research/ (growth.csv, plans.csv,
seed_statements.csv), which cites the shared/data row it rests on; the
decisions below say what is left out and why (data/README.md lists them).

A target and its outcome are different measures even when they measure the
same quantity: a target is in force (measures.nature in_force), an outcome
is a statistic (estimate). The link says match=same.
"""
import csv
import os
import re

# New programme entities: (id, name, type, iso3, notes)
ENTITIES = [
    ("CHN_GWR", "China's Government Work Report (annual targets)",
     "programme", "",
     "The report the Premier delivers to the National People's Congress "
     "each March; it sets the year's targets."),
    ("CHN_FYP14", "China's 14th Five-Year Plan (2021-2025)", "programme", "",
     "Outline adopted 2021-03-11."),
    ("CHN_FYP15", "China's 15th Five-Year Plan (2026-2030)", "programme", "",
     "Outline approved 2026-03-12. CHN_NEXT_FYP is the same plan as the "
     "founding news report saw it in May 2025; both ids are kept."),
    ("MIC2025_NEXT", "Successor to Made in China 2025 (in preparation)",
     "programme", "",
     "Named by the founding news report: \"Officials are drawing up plans "
     "for a future iteration of Xi's flagship 'Made in China 2025' "
     "campaign\" (data/seed/article.txt:6)."),
]

# Measures: (id, name, unit, category, code, min, max, description, nature)
MEASURES = [
    # targets: in force
    ("gdp_growth_target_text", "GDP growth target (in words)", "qualitative",
     "", "", "", "", "An official GDP growth target where the report sets no "
     "number (2020; the Five-Year Plans' 'within a reasonable range').",
     "in_force"),
    ("labour_productivity_growth_target",
     "Overall labour productivity growth target", "qualitative", "", "", "",
     "", "A plan target for labour productivity growth, in words "
     "(relative to GDP growth).", "in_force"),
    ("urbanisation_rate_target",
     "Urbanisation rate of permanent residents, target", "percent", "", "",
     "0", "100", "Target share of the population living in urban areas as "
     "permanent residents (NBS definition).", "in_force"),
    ("rd_expenditure_growth_target", "R&D expenditure growth target",
     "percent per year", "", "", "0", "100",
     "Target annual growth of total R&D expenditure.", "in_force"),
    ("digital_economy_core_share_of_gdp_target",
     "Digital economy core industries, share of GDP, target",
     "percent of GDP", "", "", "0", "100",
     "Target value added of the core digital-economy industries as a share "
     "of GDP.", "in_force"),
    ("per_capita_disposable_income_growth_target",
     "Per-capita disposable income growth target", "qualitative", "", "",
     "", "", "A plan target for residents' per-capita disposable income "
     "growth, in words (relative to GDP growth).", "in_force"),
    ("surveyed_urban_unemployment_rate_target",
     "Surveyed urban unemployment rate, target (ceiling)", "percent", "",
     "", "0", "100", "The highest surveyed urban unemployment rate a plan "
     "allows.", "in_force"),
    ("working_age_avg_years_schooling_target",
     "Average years of schooling of the working-age population, target",
     "years", "", "", "0", "25", "Target average years of schooling of the "
     "working-age population.", "in_force"),
    ("basic_pension_insurance_coverage_rate_target",
     "Basic pension insurance coverage, target", "percent", "", "", "0",
     "100", "Target coverage rate of basic old-age insurance.", "in_force"),
    ("life_expectancy_increase_target",
     "Life expectancy increase target (in words)", "qualitative", "", "", "",
     "", "A plan target for the rise in life expectancy at birth, in words "
     "(relative to the plan's base year).", "in_force"),
    ("life_expectancy_at_birth_target", "Life expectancy at birth, target",
     "years", "", "", "0", "120", "Target life expectancy at birth.",
     "in_force"),
    ("energy_intensity_reduction_target",
     "Energy use per unit of GDP, cumulative reduction target",
     "percent reduction", "", "", "0", "100",
     "Target cut in energy consumption per unit of GDP over the plan period "
     "(versus its base year).", "in_force"),
    ("co2_intensity_reduction_target",
     "CO2 emissions per unit of GDP, cumulative reduction target",
     "percent reduction", "", "", "0", "100",
     "Target cut in CO2 emissions per unit of GDP over the plan period "
     "(versus its base year).", "in_force"),
    ("forest_coverage_rate_target", "Forest coverage rate, target",
     "percent", "", "", "0", "100",
     "Target forest coverage rate (China's national forest inventory "
     "definition).", "in_force"),
    ("grain_output_target", "Grain production capacity, target",
     "million tonnes", "", "", "0", "2000",
     "Target comprehensive grain production capacity (worded in the plan "
     "texts as annual grain output).", "in_force"),
    ("energy_production_target", "Energy production capacity, target",
     "billion tonnes of standard coal", "", "", "0", "100",
     "Target comprehensive energy production capacity (worded as annual "
     "energy production).", "in_force"),
    ("nursing_beds_share_target",
     "Nursing-type beds in elderly-care institutions, share, target",
     "percent", "", "", "0", "100", "Target share of nursing-type beds among "
     "the beds of elderly-care institutions.", "in_force"),
    # outcomes: estimates (statistics)
    ("gdp_growth", "GDP growth (annual %)", "percent", "", "NY.GDP.MKTP.KD.ZG",
     "-50", "50", "Real GDP growth over the previous year. Official (NBS) "
     "vintages here; the World Bank's WDI series (NY.GDP.MKTP.KD.ZG) is "
     "another source of the same measure.", "estimate"),
    ("labour_productivity_growth", "Overall labour productivity growth",
     "percent", "", "", "-50", "50", "Annual growth of overall labour "
     "productivity (NBS).", "estimate"),
    ("urbanisation_rate", "Urbanisation rate of permanent residents",
     "percent", "", "", "0", "100", "Share of the population living in "
     "urban areas as permanent residents (NBS).", "estimate"),
    ("digital_economy_core_share_of_gdp",
     "Digital economy core industries, share of GDP", "percent of GDP", "",
     "", "0", "100", "Value added of the core digital-economy industries as "
     "a share of GDP.", "estimate"),
    ("working_age_avg_years_schooling",
     "Average years of schooling of the working-age population", "years",
     "", "", "0", "25", "Average years of schooling of the working-age "
     "population.", "estimate"),
    ("life_expectancy_at_birth", "Life expectancy at birth, total (years)",
     "years", "", "SP.DYN.LE00.IN", "0", "120", "Life expectancy at birth. "
     "Official (NHC) figures here; the World Bank's WDI series "
     "(SP.DYN.LE00.IN) is another source of the same measure.", "estimate"),
    ("grain_output", "Grain output", "million tonnes", "", "", "0", "2000",
     "Annual grain output.", "estimate"),
    ("primary_energy_output", "Primary energy output",
     "billion tonnes of standard coal", "", "", "0", "100",
     "Total primary energy production.", "estimate"),
    ("manufacturing_innovation_centres_built",
     "National manufacturing innovation centres built", "count", "", "",
     "0", "100000", "Number of national manufacturing innovation centres "
     "built by the date.", "estimate"),
    ("digital_rd_design_tool_penetration",
     "Penetration of digital R&D and design tools", "percent", "", "", "0",
     "100", "Share of industrial enterprises using digital R&D and design "
     "tools.", "estimate"),
    ("key_process_nc_rate", "Numerical-control rate of key processes",
     "percent", "", "", "0", "100", "Share of key processes under numerical "
     "control in industrial enterprises.", "estimate"),
    ("plan_indicator_midterm_status", "Plan indicator mid-term status",
     "qualitative", "", "", "", "", "An official mid-term assessment of a "
     "plan indicator, in the assessment's words.", "estimate"),
    # the founding report's statements: claims (estimates)
    ("investment_share_comparison", "Investment share, compared",
     "qualitative", "", "", "", "", "How an economy's investment share of "
     "GDP compares with others, in the source's words.", "estimate"),
    ("programme_priority", "Programme priority", "qualitative", "", "", "",
     "", "What a programme prioritises, in the source's words.", "estimate"),
    ("programme_horizon", "Programme horizon", "qualitative", "", "", "", "",
     "The period a programme covers, in the source's words.", "estimate"),
    ("programme_naming", "Programme naming", "qualitative", "", "", "", "",
     "What a programme will be called, in the source's words.", "estimate"),
    ("founding_centenary_year", "Founding centenary year", "year", "", "",
     "1900", "2100", "Year of the centenary of a state's founding.",
     "estimate"),
    ("trade_control", "Trade control", "qualitative", "", "", "", "",
     "A control on exports or supplies of goods or technology, in the "
     "source's words.", "estimate"),
    ("policy_aim", "Policy aim", "qualitative", "", "", "", "",
     "A government's stated aim, in the source's words.", "estimate"),
]

# The research tables' measure ids -> this dataset's (a target measure gets
# its own id; the outcome keeps the quantity's name).
TARGET_MEASURE = {
    "labour_productivity_growth": "labour_productivity_growth_target",
    "urbanisation_rate_permanent_residents": "urbanisation_rate_target",
    "rd_expenditure_growth": "rd_expenditure_growth_target",
    "digital_economy_core_share_of_gdp":
        "digital_economy_core_share_of_gdp_target",
    "per_capita_disposable_income_growth":
        "per_capita_disposable_income_growth_target",
    "surveyed_urban_unemployment_rate":
        "surveyed_urban_unemployment_rate_target",
    "working_age_avg_years_schooling": "working_age_avg_years_schooling_target",
    "basic_pension_insurance_coverage_rate":
        "basic_pension_insurance_coverage_rate_target",
    "life_expectancy_at_birth": "life_expectancy_at_birth_target",
    "energy_intensity_reduction_cumulative":
        "energy_intensity_reduction_target",
    "co2_intensity_reduction_cumulative": "co2_intensity_reduction_target",
    "forest_coverage_rate": "forest_coverage_rate_target",
    "grain_production_capacity": "grain_output_target",
    "energy_production_capacity": "energy_production_target",
    "nursing_beds_share_elderly_care": "nursing_beds_share_target",
}
OUTCOME_MEASURE = {
    "urbanisation_rate_permanent_residents": "urbanisation_rate",
    "grain_production_capacity": "grain_output",
    "energy_production_capacity": "primary_energy_output",
    "manufacturing_innovation_centres":
        "manufacturing_innovation_centres_built",
}
# Targets stated in words where the measure takes a number.
WORDS_MEASURE = {
    "gdp_growth_target": "gdp_growth_target_text",
    "life_expectancy_at_birth": "life_expectancy_increase_target",
}

# Rows left out, with the reason (data/README.md lists them with the
# shared/data rows the research reports as left out).
LEFT_OUT = {
    "growth.outcome.wb-2012.2007": (
        "A World Bank figure of 2012 (14.2) read on a personal blog (weak); "
        "the World Bank's gdp_growth series comes from the WDI adapter."),
}
LEFT_OUT_PREFIX = {
    "growth.outcome.wdi.": (
        "World Bank WDI values: the WDI adapter gives them (no CSV facts)."),
}

# Knowledge time the research states other than its page's date:
# id -> (rule, basis). The date is the research row's known_from.
KNOWN_FROM = {
    # None: the loader derives it from the page's date after all
    "growth.target.2013": (
        None,
        "The page is dated 2013-03-04 (AFP, US time); the report was "
        "delivered in Beijing on 2013-03-05 (the research's date, from "
        "Reuters)."),
    "growth.target.2011": (
        "announced",
        "The 2011 Government Work Report, which set it, was delivered on "
        "2011-03-05 (full text: http://en.chinagate.cn/archives/2011npc/"
        "2011-03/15/content_22146029.htm); no 2011 page showing the 8% was "
        "found, the number is read on a 2012 page. The conservative "
        "alternative is 2012-01-17 (RTÉ)."),
    "growth.target.2020": (
        "announced",
        "Government Work Report delivered 2020-05-22: \"The Chinese "
        "government decided not to set goals on the GDP growth in 2020 amid "
        "the COVID-19 pandemic, the government's report issued on Friday "
        "said.\" (https://www.urdupoint.com/en/business/china-not-setting-"
        "goals-on-gdp-growth-in-2020-927532.html, 2020-05-22)"),
    "growth.target.2025": (
        "bound",
        "A page of 2025-03-09 states the same target: \"China’s key targets "
        "for 2025, including an annual economic growth target of around 5 "
        "percent\" (https://www.capitalfm.co.ke/news/2025/03/graphics-key-"
        "figures-in-chinas-2025-government-work-report/)."),
    "growth.outcome.nbs.2005.v1": (
        "row",
        "The page gives the full text of the Government Work Report "
        "delivered on 2006-03-05, which states the figure."),
    "growth.outcome.nbs.2022.v2": (
        "row", "Xinhua dateline 'BEIJING, Dec. 29'; the page is dated "
        "2023-12-31."),
}

# 2010's first-reported 10.3 is sourced only from a page of 2012-03-05,
# after the revision to 10.4 (2012-01-17): under "best rank, then the
# latest knowledge time" it would answer as_of dates in 2012-2017 instead
# of the revision then current.
RANK_REASONS = {
    "growth.outcome.nbs.2010.v1": (
        "The first-reported figure, sourced only from a page of 2012-03-05, "
        "after NBS had revised 2010 to 10.4 (2012-01-17): by its only dated "
        "source it was already superseded, so it is shown beside the "
        "vintages, never as the answer."),
}
RANK_OVERRIDE = {"growth.outcome.nbs.2010.v1": "deprecated"}

# The status rules of the links (data/README.md, "Outcome links").
LINKS = [
    # (target_measure, outcome_measure, subject, match, note, status_rule)
    ("gdp_growth_target", "gdp_growth", "CHN", "same",
     "NBS vintages (official) and the World Bank's WDI series are both "
     "sources of gdp_growth; the answer for a year is the preferred NBS "
     "vintage known by as_of.", "at_least_low"),
    ("urbanisation_rate_target", "urbanisation_rate", "CHN", "same", "",
     "at_least_low"),
    ("digital_economy_core_share_of_gdp_target",
     "digital_economy_core_share_of_gdp", "CHN", "same", "", "at_least_low"),
    ("working_age_avg_years_schooling_target",
     "working_age_avg_years_schooling", "CHN", "same", "", "at_least_low"),
    ("life_expectancy_at_birth_target", "life_expectancy_at_birth", "CHN",
     "same", "Official (NHC) figures; the World Bank's WDI estimates are "
     "another source of the same measure.", "at_least_low"),
    ("grain_output_target", "grain_output", "CHN", "same",
     "The indicator is 'comprehensive grain production capacity'; the plan "
     "texts word it as annual grain output, and the outcomes are output.",
     "at_least_low"),
    ("energy_production_target", "primary_energy_output", "CHN", "same",
     "The indicator is 'comprehensive energy production capacity'; the 2021 "
     "plan text words it as annual energy production, and the outcome is "
     "primary energy output.", "at_least_low"),
    ("manufacturing_innovation_centres",
     "manufacturing_innovation_centres_built", "CHN", "same", "",
     "at_least_low"),
]
# Links to World Bank WDI measures the WDI adapter creates: written only
# when data/wdi/manifest.csv names the measure (the loader checks every
# outcome measure after all adapters ran, and rejects an unknown one).
WDI_LINKS = [
    ("urbanisation_rate_target", "urban_population_share", "CHN", "proxy",
     "World Bank urban population share (national definitions, collected "
     "and smoothed by the UN Population Division) against NBS's urbanisation "
     "rate of permanent residents: 2023 WDI 65.53 vs NBS 66.16.",
     "at_least_low"),
    ("surveyed_urban_unemployment_rate_target", "unemployment_rate_ilo", "CHN",
     "proxy", "ILO modelled unemployment, whole labour force, against the "
     "surveyed urban rate the plan targets: a different population and "
     "method.", "at_most"),
    ("forest_coverage_rate_target", "forest_area_share_of_land", "CHN",
     "proxy", "World Bank forest area (% of land; stands of trees of at "
     "least 5 m) against China's forest coverage rate from its national "
     "inventory: different definitions.", "at_least_low"),
]


def wdi_manifest_measures(out):
    """The measure ids data/wdi/manifest.csv names ('measure' or
    'measure_id' column), or an empty set without a manifest."""
    path = os.path.join(out, "wdi", "manifest.csv")
    if not os.path.exists(path):
        return set()
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    key = next((k for k in ("measure", "measure_id", "measure id")
                if rows and k in rows[0]), None)
    return {r[key] for r in rows} if key else set()


def outcome_links(out):
    wdi = wdi_manifest_measures(out)
    return LINKS + [x for x in WDI_LINKS if x[1] in wdi]


def left_out(row):
    if row["id"] in LEFT_OUT:
        return LEFT_OUT[row["id"]]
    for p, why in LEFT_OUT_PREFIX.items():
        if row["id"].startswith(p):
            return why
    return None


def end_of(date):
    """The last day a YYYY, YYYY-MM or YYYY-MM-DD date may mean."""
    import calendar
    if len(date) == 4:
        return date + "-12-31"
    if len(date) == 7:
        y, m = int(date[:4]), int(date[5:])
        return "%s-%02d" % (date, calendar.monthrange(y, m)[1])
    return date


def map_measure(r):
    m = r["measure"]
    words = r["value_text"] and not (r["value"] or r["value_low"])
    if r["kind"] in ("target", "growth_target"):
        if words and m in WORDS_MEASURE:
            return WORDS_MEASURE[m]
        return TARGET_MEASURE.get(m, m)
    return OUTCOME_MEASURE.get(m, m)


def research_facts(path, source_for_row, blank_fact, join_notes):
    """Facts from a research table of the targets research. Returns
    (facts, left) where left lists (id, reason) of rows left out."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    facts, left = [], []
    for r in rows:
        why = left_out(r)
        if why:
            left.append((r["id"], why))
            continue
        f = blank_fact()
        for k in ("id", "kind", "subject", "object", "series", "label",
                  "value", "value_low", "value_high", "value_text",
                  "qualifier", "period", "valid_from", "valid_to",
                  "target_year", "evidence", "quote", "locator",
                  "statement"):
            f[k] = r[k]
        f["measure"] = map_measure(r)
        if f["value"] or f["value_low"]:
            f["value_text"] = ""  # the wording is in the quote
        if f["measure"] in OUTCOME_MEASURE.values() and f["subject"] == \
                "MIC2025":
            f["subject"] = "CHN"  # an outcome counts for the economy
        f["source_id"] = source_for_row(r)
        f["notes"] = join_notes(r.get("notes", ""), alt_note(r))
        known_from(f, r)
        f["rank"] = RANK_OVERRIDE.get(r["id"], r["rank"])
        f["rank_reason"] = RANK_REASONS.get(r["id"], "")
        facts.append(f)
    settle_ranks(facts)
    return facts, left


def alt_note(r):
    if not r.get("alt_quote"):
        return ""
    return "Also: \"%s\" (%s)" % (r["alt_quote"], r["alt_quote_url"])


def known_from(f, r):
    """The research row's knowledge time: derived by the loader when it is
    the source's own date, else given with its rule and basis."""
    if r["id"] in KNOWN_FROM:
        rule, basis = KNOWN_FROM[r["id"]]
        if rule is None:
            f["notes"] = "; ".join(x for x in (f["notes"], basis) if x)
            return
        f.update(known_from=r["known_from"], known_from_rule=rule)
        f["notes"] = "; ".join(x for x in (f["notes"], "Knowledge time (%s): %s"
                                           % (rule, basis)) if x)
        return
    pub = r["source_published"]
    if pub and end_of(pub) == r["known_from"]:
        return  # the loader derives it from the source's date
    if r["known_from"] == "2015-06-30" and "corroborated_by" in \
            r["known_from_rule"]:
        f.update(known_from="2015-06-30", known_from_rule="bound")
        f["notes"] = "; ".join(x for x in (f["notes"], (
            "Knowledge time (bound): the page shows no date; the same "
            "numbers were published by CSIS (Scott Kennedy) in June 2015 "
            "(source csis-kennedy-2015-mic2025).")) if x)
        return
    if r["known_from_rule"].startswith("announcement_date"):
        f.update(known_from=r["known_from"], known_from_rule="announced")
        f["notes"] = "; ".join(x for x in (f["notes"], (
            "Knowledge time (announced): %s; %s" % (
                r["known_from_rule"][len("announcement_date"):].strip(" ()"),
                r.get("known_from_evidence", "")))) if x)
        return
    raise SystemExit("research row %s: knowledge time %s (%s) is not its "
                     "source's date %s: add a KNOWN_FROM entry" % (
                         r["id"], r["known_from"], r["known_from_rule"], pub))


def settle_ranks(facts):
    """A 'normal' fact alone on its question (in its table) is preferred:
    the research marked weak or single-source rows normal, but a question
    needs one preferred answer. It is stated, not left to the loader's
    default, so that it stays the answer when the WDI adapter adds the
    World Bank's figure for the same measure and year (gdp_growth,
    life_expectancy_at_birth): the official figure is preferred.
    The research's ranks stay where several facts answer one question
    (vintages). The question is measure, subject, object, series, start,
    deadline."""
    def q(f):
        start = f["valid_from"] or f["period"]
        return (f["measure"], f["subject"], f["object"], f["series"],
                start, f["target_year"])
    count = {}
    for f in facts:
        count[q(f)] = count.get(q(f), 0) + 1
    for f in facts:
        if count[q(f)] == 1 and f["rank"] == "normal":
            f["rank"] = "preferred"


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")
