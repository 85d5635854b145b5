#!/usr/bin/env python3
"""Convert the curated research CSVs (../shared/data) into policyfacts' data/ tables.

This is the provenance of data/: every fact row written here comes from one row
of a research CSV, keeps its source, URL and verbatim quote, and adds only the
modelling the fact store needs (entity and measure ids, the series a tariff
layer belongs to, rank among disagreeing sources, knowledge time). Curation
decisions are in the tables below, each with the reason, so a reviewer can
audit them in one place. Nothing here invents a number: values are copied as
text, never reformatted.

Issue 17 ("true on every date") adds, per fact: its evidence (a verbatim
quote, or a data file and row), its knowledge time with the rule that gave
it, and the reason for its rank; per measure its nature (in force or
estimate); and the series table (how each tariff layer combines with the
others of its pair). The research tables behind those decisions are in
OUT_DIR/research/ (data/research/), read here as they are.

Usage: tools/import_shared.py SHARED_DATA_DIR OUT_DIR   (stdlib only)
"""
import csv
import os
import re
import sys
import unicodedata

FACT_COLUMNS = [
    "id", "kind", "subject", "object", "measure", "series", "label", "value",
    "value_low", "value_high", "value_text", "qualifier", "period",
    "valid_from", "valid_to", "target_year", "known_from", "known_from_rule",
    "rank", "rank_reason", "source_id", "evidence", "quote", "data_file",
    "data_row", "locator", "statement", "notes",
]

# --------------------------------------------------------------------------
# Reference tables
# --------------------------------------------------------------------------

ENTITIES = [
    # id, name, type, iso3, notes
    ("CHN", "China", "country", "CHN", ""),
    ("USA", "United States", "country", "USA", ""),
    ("DEU", "Germany", "country", "DEU", ""),
    ("JPN", "Japan", "country", "JPN", ""),
    ("GBR", "United Kingdom", "country", "GBR", ""),
    ("FRA", "France", "country", "FRA", ""),
    ("KOR", "Korea, Rep.", "country", "KOR", ""),
    ("IND", "India", "country", "IND", ""),
    ("CAN", "Canada", "country", "CAN", ""),
    ("MEX", "Mexico", "country", "MEX", ""),
    ("VNM", "Viet Nam", "country", "VNM", ""),
    ("EUU", "European Union", "aggregate", "",
     "World Bank aggregate code; EU-27 in the tariff rows"),
    ("WLD", "World", "aggregate", "",
     "World Bank aggregate code; in tariff rows: measures applying to all "
     "origins"),
    ("developed_economies", "Developed economies", "group", "",
     "Group as used by the founding news report (\"more developed "
     "economies\"); membership not defined by the source"),
    ("MIC2025", "Made in China 2025", "programme", "",
     "State Council strategy released in 2015 (Guo Fa [2015] No. 28)"),
    ("CHN_NEXT_FYP", "China's next Five-Year Plan (starting 2026)",
     "programme", "",
     "Named as in the founding news report: \"Beijing's next Five-Year Plan "
     "starting in 2026\". The same plan is CHN_FYP15 (the 15th Five-Year "
     "Plan, 2026-2030), as approved in March 2026; both ids are kept."),
]

# WDI indicator -> (measure id, component name used by /v1/gdp-shares)
WDI = {
    "NE.CON.PRVT.ZS": ("household_consumption_share_of_gdp",
                       "household_consumption"),
    "NE.CON.TOTL.ZS": ("final_consumption_share_of_gdp", "consumption"),
    "NE.GDI.TOTL.ZS": ("gross_capital_formation_share_of_gdp", "investment"),
    "NV.IND.MANF.ZS": ("manufacturing_value_added_share_of_gdp",
                       "manufacturing"),
    "NE.EXP.GNFS.ZS": ("exports_share_of_gdp", "exports"),
}

# id, name, unit, category, code, min, max, description
MEASURES = [
    ("additional_tariff_rate", "Additional tariff rate", "percent",
     "additional", "", "0", "1000",
     "A special duty on top of MFN duties, as one legal measure (layer)."),
    ("average_tariff_rate", "Average tariff rate", "percent", "average", "",
     "0", "1000",
     "Average tariff on imports from the object country (method per "
     "source, e.g. PIIE trade-weighted)."),
    ("headline_total_tariff_rate", "Headline total tariff rate", "percent",
     "total", "", "0", "1000",
     "The stacked headline rate of several measures (e.g. IEEPA "
     "reciprocal + fentanyl), not an average."),
    ("all_in_tariff_floor", "All-in tariff floor", "percent", "total", "",
     "0", "1000",
     "A total rate including MFN: goods pay the difference up to the floor."),
    ("effective_tariff_rate", "Effective tariff rate", "percent",
     "effective", "", "0", "1000",
     "Import-weighted effective tariff rate (point estimate by the source)."),
    ("gdp_growth_target", "GDP growth target", "percent", "", "", "-50",
     "50", "Official annual real GDP growth target."),
    ("investment_share_ratio", "Investment share ratio", "ratio", "", "",
     "0", "100",
     "Ratio of the subject's investment share of GDP to the object's."),
    ("domestic_content_core_materials_share",
     "Domestic content of core components and materials", "percent", "",
     "", "0", "100",
     "Target share of domestic content in core components and materials."),
    ("manufacturing_innovation_centres",
     "Manufacturing innovation centres established", "count", "", "", "0",
     "100000", "Target number of manufacturing innovation centres."),
    ("manufacturing_power_milestone", "Manufacturing power milestone",
     "qualitative", "", "", "", "",
     "The level of manufacturing power to be reached by the deadline, in "
     "the source's words."),
    ("priority_sector", "Priority sector", "sector name", "", "", "", "",
     "One of the ten key sectors of Made in China 2025."),
    ("programme_release_year", "Programme release year", "year", "", "",
     "1900", "2100", "Year the programme was released."),
    ("five_year_plan_start", "Five-Year Plan start year", "year", "", "",
     "1900", "2100", "First year of the plan."),
    ("five_year_plan_publication", "Five-Year Plan publication", "date", "",
     "", "", "", "When the plan is to be made public."),
    ("manufacturing_share_of_gdp_goal", "Manufacturing share of GDP goal",
     "qualitative", "", "", "", "",
     "Stated goal for manufacturing's share of GDP, in words."),
    ("policy_priority", "Policy priority", "qualitative", "", "", "", "",
     "A stated top government priority, in words."),
    ("consumption_share_numeric_target",
     "Numerical consumption-share target", "qualitative", "", "", "", "",
     "Whether a numerical target for consumption's share of GDP is "
     "planned."),
    ("official_statement", "Official statement", "text", "", "", "", "",
     "A quoted statement by an official; the value is the quote."),
]
# WDI measures: names are the WDI labels carried in gdp_shares.csv.
WDI_DESCRIPTIONS = {
    "NE.CON.PRVT.ZS": "Household and NPISH final consumption expenditure as "
                      "a share of GDP (World Bank WDI NE.CON.PRVT.ZS).",
    "NE.CON.TOTL.ZS": "Final consumption expenditure (households, NPISHs "
                      "and government) as a share of GDP (WDI "
                      "NE.CON.TOTL.ZS).",
    "NE.GDI.TOTL.ZS": "Gross capital formation (investment) as a share of "
                      "GDP (WDI NE.GDI.TOTL.ZS).",
    "NV.IND.MANF.ZS": "Manufacturing value added as a share of GDP (WDI "
                      "NV.IND.MANF.ZS).",
    "NE.EXP.GNFS.ZS": "Exports of goods and services as a share of GDP (WDI "
                      "NE.EXP.GNFS.ZS).",
}

SEED_TITLE = ("China's 'Made in China 2025' strategy to strengthen high-end "
              "tech manufacturing")
YALE = "https://github.com/Budget-Lab-Yale/tariff-rate-tracker/blob/" \
       "8315fffd697c42559141ed5f8bf7c8fa3da47ae8/"

# Sources are publications, keyed by URL (the seed report has none).
# url -> (id, title, publisher, published, license, notes)
# `published` is the knowledge time of the facts the source carries; it is
# left empty where the stored copy does not show a date (see data/README.md).
SOURCES = {
    "https://github.com/open-numbers/ddf--open_numbers--world_development_indicators":
        ("wdi-open-numbers", "World Development Indicators (WDI) via "
         "open-numbers/ddf--open_numbers--world_development_indicators, "
         "commit 01a34e8b54d7", "World Bank", "", "CC-BY-4.0",
         "Release date of this WDI vintage not shown in the stored copy; "
         "values rounded to 5 decimals; countries only"),
    "https://github.com/datasets/world-development-indicators":
        ("wdi-datasets", "World Development Indicators (WDI) via "
         "datasets/world-development-indicators, commit 4ebec5a2273f "
         "(automated data update of 2026-07-01)", "World Bank",
         "2026-07-01", "CC-BY-4.0",
         "Published date is the snapshot commit date"),
    "": ("seed-news-report-2025-05", "News report \"" + SEED_TITLE + "\" "
         "(Beijing dateline, citing Bloomberg)", "News report citing "
         "Bloomberg", "2025-05", "copyright; short quotes for citation",
         "The project's founding document (full text in "
         "data/seed/article.txt). Published in May 2025, after the May 19 "
         "events it reports; no URL"),
    "https://en.wikipedia.org/wiki/Made_in_China_2025":
        ("wikipedia-mic2025", "Made in China 2025 (Wikipedia, stored copy)",
         "Wikipedia", "", "CC-BY-SA", "Revision date not shown in the stored "
         "copy"),
    "https://pinealconsulting.com/insight/made-in-china-2025":
        ("csis-kennedy-2015-mic2025", "Made in China 2025 (CSIS analysis by "
         "Scott Kennedy, June 2015, as reproduced by Pineal Consulting)",
         "CSIS / Pineal Consulting", "2015-06",
         "copyright; short quotes for citation", ""),
    "http://en.people.cn/n/2015/0522/c98649-8895998.html":
        ("peoples-daily-2015-05-22", "Interview with MIIT Minister Miao Wei "
         "on Made in China 2025", "People's Daily Online", "2015-05-22",
         "copyright; short quotes for citation", ""),
    "https://www.piie.com/research/piie-charts/trumps-latest-trade-war-escalation-will-push-average-tariffs-china-above-20":
        ("piie-bown-zhang-2019-08", "Trump's Latest Trade War Escalation "
         "Will Push Average Tariffs on China Above 20 Percent (chart, Bown & "
         "Zhang)", "PIIE", "2019-08", "copyright; short quotes for citation",
         ""),
    "https://blog.tradewin.net/topic/import-consulting/page/6":
        ("tradewin-blog", "Tradewin blog (trade compliance news)",
         "Tradewin", "", "copyright; short quotes for citation",
         "Post date not shown in the stored copy"),
    "https://www.atlanticchb.com/china-section-301-sanctions/":
        ("atlanticchb-301", "China Section 301 sanctions",
         "Atlantic Customs Brokers", "", "copyright; short quotes for "
         "citation", "Post date not shown in the stored copy"),
    "https://southeastworldwide.com/news/2018/9/19/trump-administration-announces-200-billion-in-section-301-tariffs-on-china":
        ("southeastworldwide-2018-09-19", "Trump administration announces "
         "$200 billion in Section 301 tariffs on China",
         "Southeast Worldwide", "2018-09-19",
         "copyright; short quotes for citation", ""),
    "https://www.piie.com/research/piie-charts/2019/us-china-trade-war-tariffs-date-chart":
        ("piie-chart-archived", "US-China Trade War Tariffs: An Up-to-Date "
         "Chart (archived 2019-2022 text, no longer updated; Chad P. Bown)",
         "PIIE", "", "copyright; short quotes for citation",
         "Archive date not shown in the stored copy"),
    "https://www.cmtradelaw.com/2019/05/tariffs-on-chinese-goods-worth-200-billion-list-3-to-increase-from-10-to-25-percent-on-friday-may-10/":
        ("cmtradelaw-2019-05", "Tariffs on Chinese goods worth $200 billion "
         "(List 3) to increase from 10 to 25 percent on Friday, May 10",
         "Crowell & Moring trade law blog", "2019-05",
         "copyright; short quotes for citation", ""),
    "https://www.thompsonhinesmartrade.com/2019/08/ustr-formally-increases-tranche-list-4-tariffs-from-10-to-15-percent/":
        ("thompsonhine-2019-08", "USTR formally increases tranche (List) 4 "
         "tariffs from 10 to 15 percent", "Thompson Hine SmarTrade",
         "2019-08", "copyright; short quotes for citation", ""),
    "https://www.piie.com/research/piie-charts/us-china-trade-war-tariffs-date-chart?mod=article_inline":
        ("piie-chart-2019-12-19", "US-China Trade War Tariffs: An Up-to-Date "
         "Chart (2019-12-19 version; Chad P. Bown)", "PIIE", "2019-12-19",
         "copyright; short quotes for citation", ""),
    "https://www.piie.com/research/piie-charts/us-china-trade-war-tariffs-date-chart":
        ("piie-chart-2020-02-14", "US-China Trade War Tariffs: An Up-to-Date "
         "Chart (2020-02-14 version; Chad P. Bown)", "PIIE", "2020-02-14",
         "copyright; short quotes for citation", ""),
    "https://www.piie.com/research/piie-charts/2019/us-china-trade-war-tariffs-date-chart?utm_source=chatgpt.com":
        ("piie-chart-2025-04", "US-China Trade War Tariffs: An Up-to-Date "
         "Chart (April-2025 version; Chad P. Bown)", "PIIE", "2025-04",
         "copyright; short quotes for citation",
         "Exact date of this version not shown; April 2025"),
    "https://akingump.com/en/insights/blogs/trump-executive-order-tracker/imposing-duties-to-the-peoples-republic-of-china":
        ("akingump-eo-tracker", "Trump Executive Order Tracker: Imposing "
         "duties to the People's Republic of China", "Akin Gump", "",
         "copyright; short quotes for citation",
         "Tracker page; date not shown in the stored copy"),
    "https://www.finanznachrichten.de/nachrichten-2025-02/64460944-china-announces-retaliatory-tariffs-on-us-goods-020.htm":
        ("finanznachrichten-2025-02-04", "China announces retaliatory "
         "tariffs on US goods (dpa-AFX / RTTNews)", "finanznachrichten.de",
         "2025-02-04", "copyright; short quotes for citation", ""),
    "https://47-watch.com/executive-orders/2025-03-03-further-amendment-to-duties-addressing-the-synthetic-opioid-supply-chain-in-the-peoples-republic-of-china/":
        ("47watch-eo-2025-03-03", "Further amendment to duties addressing "
         "the synthetic opioid supply chain in the PRC (executive order "
         "summary)", "47-watch.com", "", "copyright; short quotes for "
         "citation", "Post date not shown in the stored copy"),
    "https://www.piie.com/research/piie-charts/2019/us-china-trade-war-tariffs-date-chart?ref=readtangle.com":
        ("piie-chart-2025-post-geneva", "US-China Trade War Tariffs: An "
         "Up-to-Date Chart (2025 version written after the Geneva "
         "agreement; Chad P. Bown)", "PIIE", "",
         "copyright; short quotes for citation",
         "Version date not shown in the stored copy; written after "
         "2025-05-14"),
    "https://www.exhibitionsconferencesalliance.org/tariff-updates/trump-announces-reciprocal-tariffs-ends-de-minimis-treatment-china-updated":
        ("eca-tariff-update-2025-04", "Trump announces reciprocal tariffs, "
         "ends de minimis treatment for China (updated)",
         "Exhibitions & Conferences Alliance", "2025-04-10",
         "copyright; short quotes for citation",
         "Updated 2025-04-08 and 2025-04-10"),
    "https://americanfocus.online/amendment-to-reciprocal-tariffs-and-updated-duties-as-applied-to-low-value-imports-from-the-peoples-republic-of-china-the-white-house":
        ("eo-14259-text", "Executive Order 14259: Amendment to reciprocal "
         "tariffs and updated duties as applied to low-value imports from "
         "the PRC (White House text, reproduced by americanfocus.online)",
         "The White House", "2025-04-08", "public domain (US government "
         "work); reproduction", "Published date is the date of the order"),
    "https://americanfocus.online/modifying-reciprocal-tariff-rates-to-reflect-trading-partner-retaliation-and-alignment-the-white-house":
        ("eo-14266-text", "Executive Order 14266: Modifying reciprocal tariff "
         "rates to reflect trading partner retaliation and alignment (White "
         "House text, reproduced by americanfocus.online)",
         "The White House", "2025-04-09", "public domain (US government "
         "work); reproduction", "Published date is the date of the order"),
    "https://internationaltrade.btlaw.com/post/102k88q/cycle-of-reciprocity-increased-ieepa-reciprocal-tariffs-on-chinese-origin-goods":
        ("btlaw-2025-04", "Cycle of reciprocity: increased IEEPA reciprocal "
         "tariffs on Chinese-origin goods", "Barnes & Thornburg", "",
         "copyright; short quotes for citation",
         "Post date not shown in the stored copy"),
    "https://theepochtimes.com/business/tariffs-on-china-reach-145-percent-after-latest-increase-white-house-clarifies-5839809":
        ("epochtimes-2025-04-10", "Tariffs on China reach 145 percent after "
         "latest increase, White House clarifies", "The Epoch Times",
         "2025-04-10", "copyright; short quotes for citation", ""),
    "https://en.portnews.ru/news/375812":
        ("portnews-2025-04-11", "China raises tariffs on US goods to 125%",
         "PortNews", "2025-04-11", "copyright; short quotes for citation",
         ""),
    "https://www.sgieurope.com/sourcing/us-and-china-to-suspend-part-of-tariffs-for-90-days-starting-may-14/114669.article":
        ("sgieurope-2025-05", "US and China to suspend part of tariffs for 90 "
         "days starting May 14", "SGI Europe", "2025-05",
         "copyright; short quotes for citation", ""),
    "https://en.portnews.ru/news/376823/":
        ("portnews-2025-05-12", "US-China joint statement on the Geneva "
         "trade talks (summary)", "PortNews", "2025-05-12",
         "copyright; short quotes for citation", ""),
    "https://www.fcglobal-cn.com/news/market-information20250527":
        ("fcglobal-bloomberg-2025-05-27", "Market information (Bloomberg "
         "reporting, republished)", "fcglobal-cn.com", "2025-05-27",
         "copyright; short quotes for citation", ""),
    YALE + "data/us_notes/chapter99_2026_rev_6.txt":
        ("yale-tracker-hts-ch99", "Tariff Rate Tracker: HTSUS chapter 99 "
         "text (2026 Rev. 6) stored in the repository",
         "The Budget Lab at Yale", "2026-05-11",
         "MIT (repo); USITC HTS text under its own terms",
         "Read at repo commit 8315fffd (2026-05-11)"),
    YALE + "docs/revision_changelog.md":
        ("yale-tracker-changelog", "Tariff Rate Tracker: "
         "docs/revision_changelog.md", "The Budget Lab at Yale",
         "2026-05-11", "MIT", "Read at repo commit 8315fffd (2026-05-11)"),
    YALE + "docs/policy_timing.md":
        ("yale-tracker-policy-timing", "Tariff Rate Tracker: "
         "docs/policy_timing.md", "The Budget Lab at Yale", "2026-05-11",
         "MIT", "Read at repo commit 8315fffd (2026-05-11)"),
    YALE + "config/policy_params.yaml":
        ("yale-tracker-policy-params", "Tariff Rate Tracker: "
         "config/policy_params.yaml", "The Budget Lab at Yale", "2026-05-11",
         "MIT", "Read at repo commit 8315fffd (2026-05-11)"),
    YALE + "docs/archive/comparison_vs_tariff_etrs.md":
        ("yale-tracker-etr-comparison", "Tariff Rate Tracker: "
         "docs/archive/comparison_vs_tariff_etrs.md (comparison vs "
         "Tariff-ETRs, last updated 2026-03-12)", "The Budget Lab at Yale",
         "2026-03-12", "MIT", "Tracker build of 2026-03-11"),
}

SOURCE_URL_OVERRIDE = {
    # The ddf and datasets rows link to single files; the source is the
    # repository release, the file goes into each fact's locator.
    "wdi-open-numbers": "https://github.com/open-numbers/ddf--open_numbers--"
                        "world_development_indicators/tree/"
                        "01a34e8b54d76160a61b0325d74254e22db06b93",
    "wdi-datasets": "https://github.com/datasets/world-development-indicators"
                    "/tree/4ebec5a2273f531ba238a34dbe440394dc5a6c4b",
    "seed-news-report-2025-05": "",
}


def source_for(url):
    if url in SOURCES:
        return SOURCES[url][0]
    for prefix in ("https://github.com/open-numbers/ddf--open_numbers--world_development_indicators",
                   "https://github.com/datasets/world-development-indicators"):
        if url.startswith(prefix):
            return SOURCES[prefix][0]
    raise SystemExit("no source registered for URL: " + url)


# --------------------------------------------------------------------------
# tariff_events.csv: one curation row per input row, in file order.
# (series, id suffix, rank, valid_to, extra note)
#   series groups the values of one legal measure or one average over time;
#   a value stays in effect until the next value of its series starts.
# --------------------------------------------------------------------------
IEEPA_END_NOTE = ("End date 2026-02-19 from the Yale Budget Lab tariff-rate-"
                  "tracker (docs/policy_timing.md): IEEPA tariffs end with "
                  "the Supreme Court ruling Learning Resources v. Trump of "
                  "2026-02-20; CBP stopped collecting on 2026-02-24.")
TARIFF_EVENTS = [
    ("usa-chn-average", "piie", "", "", ""),
    ("usa-chn-s301-list1", "", "preferred", "",
     "Same rate later confirmed in force by the Yale tracker (HTS "
     "9903.88.01)."),
    ("usa-chn-s301-list2", "", "", "", ""),
    ("usa-chn-s301-list3", "", "", "", ""),
    ("chn-usa-average", "piie", "", "", ""),
    ("usa-chn-average", "piie", "", "", ""),
    ("usa-chn-s301-list3", "", "", "", ""),
    ("usa-chn-s301-list4a", "", "", "", ""),
    ("chn-usa-average", "piie", "", "", ""),
    ("usa-chn-average", "piie", "", "", ""),
    ("chn-usa-average", "piie", "", "", ""),
    ("usa-chn-s301-list4a", "", "", "", ""),
    ("usa-chn-average", "piie", "", "", ""),
    ("usa-chn-average", "piie", "", "", ""),
    # Fentanyl 10%: the Yale row quotes the HTS legal text for the same
    # date, so it is preferred; this row stays as a second source.
    ("usa-chn-ieepa-fentanyl", "", "normal", "", ""),
    ("chn-usa-retaliation-coal-lng", "", "", "", ""),
    ("chn-usa-retaliation-crude-machinery-cars", "", "", "", ""),
    # Fentanyl 20%: this source states the date; the Yale row infers it.
    ("usa-chn-ieepa-fentanyl", "", "preferred", "", ""),
    ("usa-chn-ieepa-reciprocal", "", "", "", ""),
    ("usa-chn-ieepa-reciprocal", "", "", "", ""),
    # China's 34% took effect the same day it was replaced by 84%.
    ("chn-usa-retaliation-all-goods", "rate-34", "deprecated", "",
     "Superseded before it applied: the 84% rate announced on 2025-04-09 "
     "took effect on the same date (2025-04-10)."),
    ("chn-usa-retaliation-all-goods", "rate-84", "preferred", "", ""),
    ("usa-chn-ieepa-reciprocal", "", "", "", ""),
    ("usa-chn-ieepa-total", "", "preferred", "", ""),
    ("usa-chn-average", "piie", "", "", ""),
    ("chn-usa-retaliation-all-goods", "", "", "", ""),
    ("usa-chn-average", "piie", "", "", ""),
    ("chn-usa-retaliation-all-goods", "", "", "", ""),
    ("chn-usa-average", "piie", "", "", ""),
    ("usa-chn-ieepa-reciprocal", "", "", "2026-02-19", IEEPA_END_NOTE),
    # The 30% total was reciprocal 10% + fentanyl 20%; the fentanyl part was
    # cut on 2025-11-10 and no source here states the total after that.
    ("usa-chn-ieepa-total", "", "", "2025-11-09",
     "End date: the fentanyl component was cut to 10% from 2025-11-10 (Yale "
     "tracker, HTS US note 2(u)); no source in this dataset states the "
     "total after that date."),
    # Three post-Geneva averages disagree by method; PIIE (trade-weighted,
    # method stated) is preferred, Bloomberg and the news report are kept.
    ("usa-chn-average", "bloomberg", "normal", "", ""),
    ("usa-chn-average", "piie", "preferred", "", ""),
]

# us_tariff_layers.csv: (series, rank, note) per row, in file order.
RECIP_DATE_NOTE = ("Deprecated: the tracker's HTS-revision dates, not legal "
                   "dates. The legal dates (84% from 2025-04-09, 125% from "
                   "2025-04-10, Geneva cut from 2025-05-14) are in the "
                   "tariff_events rows; see data/README.md, conflicts.")
LAYERS = [
    ("usa-chn-ieepa-fentanyl", "preferred", ""),
    ("usa-chn-ieepa-fentanyl", "normal", ""),
    ("usa-chn-ieepa-fentanyl", "", ""),
    ("usa-chn-ieepa-reciprocal", "deprecated", RECIP_DATE_NOTE),
    ("usa-chn-ieepa-reciprocal", "deprecated", RECIP_DATE_NOTE),
    ("usa-chn-ieepa-reciprocal", "deprecated", RECIP_DATE_NOTE),
    ("usa-chn-ieepa-reciprocal", "deprecated", RECIP_DATE_NOTE),
    ("usa-chn-s301-list1", "", ""),
    ("usa-chn-s301-list2", "", ""),
    ("usa-chn-s301-list3", "", ""),
    ("usa-chn-s301-9903.88.04", "", ""),
    ("usa-chn-s301-list4a", "", ""),
    ("usa-chn-s301-9903.91.01", "", ""),
    ("usa-chn-s301-9903.91.02", "", ""),
    ("usa-chn-s301-9903.91.03", "", ""),
    ("usa-chn-s301-9903.91.04", "", ""),
    ("usa-chn-s301-9903.91.05", "", ""),
    ("usa-chn-s301-9903.91.11", "", ""),
    ("usa-chn-s301-9903.91.06", "", ""),
    ("usa-chn-s301-9903.91.07", "", ""),
    ("usa-chn-s301-9903.91.08", "", ""),
    ("usa-chn-s301-9903.91.14", "", ""),
    ("usa-chn-s301-9903.91.12", "", ""),
    ("usa-chn-s301-9903.92.10", "", ""),
    ("usa-wld-ieepa-reciprocal-baseline", "", ""),
    ("usa-wld-s122", "", ""),
    ("usa-wld-s232-steel-aluminum", "", ""),
    ("usa-wld-s232-steel-aluminum", "", ""),
    ("usa-wld-s232-metals-annex-1a", "", ""),
    ("usa-wld-s232-metals-annex-1b", "", ""),
    ("usa-wld-s232-metals-annex-3", "", ""),
    ("usa-wld-s232-autos", "", ""),
    ("usa-wld-s232-auto-parts", "", ""),
    ("usa-wld-s232-copper", "", ""),
    ("usa-wld-s232-trucks", "", ""),
    ("usa-wld-s232-semiconductors", "", ""),
    ("usa-can-ieepa-fentanyl", "", ""),
    ("usa-can-ieepa-fentanyl", "", ""),
    ("usa-can-ieepa-fentanyl-energy", "", ""),
    ("usa-mex-ieepa-fentanyl", "", ""),
    ("usa-euu-ieepa-reciprocal", "", ""),
    ("usa-euu-ieepa-reciprocal-floor", "", ""),
    ("usa-jpn-ieepa-reciprocal", "", ""),
    ("usa-jpn-ieepa-reciprocal", "", ""),
    ("usa-jpn-ieepa-reciprocal-floor", "", ""),
    ("usa-vnm-ieepa-reciprocal", "", ""),
    ("usa-vnm-ieepa-reciprocal", "", ""),
]

# seed_article_facts.csv: per seed id, the mapping into the shared model.
# (kind, subject, object, measure, series, value_field, period, valid_from,
#  target_year, rank, note)
SEED = {
    "seed-01": ("tariff_rate", "USA", "CHN", "headline_total_tariff_rate",
                "usa-chn-ieepa-total", "value", "2025-04", "2025-04-10", "",
                "normal",
                "The report says 'in April'; aligned with the 2025-04-10 "
                "effective date of the 145% total (The Epoch Times row)."),
    "seed-02": ("tariff_rate", "USA", "CHN", "average_tariff_rate",
                "usa-chn-average", "value", "2025-05", "2025-05-14", "",
                "normal",
                "'Following talks in Geneva earlier this month': aligned "
                "with the 2025-05-14 effective date of the Geneva cut."),
    "seed-03": ("growth_target", "CHN", "", "gdp_growth_target", "", "value",
                "2025", "", "2025", "", ""),
    "seed-04": ("gdp_share", "CHN", "", "household_consumption_share_of_gdp",
                "", "value", "2025-05", "", "", "",
                "The report says 'consumption'; its 'about 40 percent' "
                "matches WDI household consumption (39.57% in 2023), not "
                "total final consumption (56.76%)."),
    "seed-05": ("gdp_share", "developed_economies", "",
                "household_consumption_share_of_gdp", "", "range", "2025-05",
                "", "", "", "Consistent with WDI household consumption "
                "2023: DEU 49.93, FRA 53.36, GBR 61.28, USA 67.90; JPN "
                "55.50 (2022)."),
    "seed-06": ("gdp_share", "CHN", "", "gross_capital_formation_share_of_gdp",
                "", "value", "2025-05", "", "", "",
                "'Investment' read as gross capital formation (WDI "
                "NE.GDI.TOTL.ZS: CHN 40.48% in 2024)."),
    "seed-07": ("gdp_share", "CHN", "USA", "investment_share_ratio", "",
                "value", "2025-05", "", "", "",
                "WDI gross capital formation 2024: CHN 40.48%, USA 21.53%."),
    "seed-08": ("target", "MIC2025", "", "programme_release_year", "",
                "value", "2015", "", "", "", ""),
    "seed-09": ("target", "MIC2025", "", "manufacturing_power_milestone", "",
                "text", "", "", "2035", "normal",
                "People's Daily (2015) words the same milestone 'generally "
                "moderate level among the manufacturing powers'."),
    "seed-10": ("target", "MIC2025", "", "manufacturing_power_milestone", "",
                "text", "", "", "2049", "normal",
                "People's Daily (2015) words it 'leading manufacturing "
                "power'."),
    "seed-11": ("target", "CHN", "CHN_NEXT_FYP", "five_year_plan_start", "",
                "value", "", "", "2026", "", ""),
    "seed-12": ("target", "CHN", "CHN_NEXT_FYP", "five_year_plan_publication",
                "", "text", "", "", "2026", "", ""),
    "seed-13": ("target", "CHN", "CHN_NEXT_FYP",
                "manufacturing_share_of_gdp_goal", "", "text", "", "", "", "",
                "Over the medium to long term; no deadline given."),
    "seed-15": ("statement", "USA", "CHN", "official_statement",
                "bessent-2025-05-12", "none", "2025-05-12", "", "", "",
                "Said to CNBC on 2025-05-12."),
    "seed-16": ("statement", "CHN", "", "official_statement",
                "xi-2025-05-19", "none", "2025-05-19", "", "", "",
                "Said during a visit to a ball-bearing factory in Henan."),
    "seed-17": ("target", "CHN", "", "policy_priority", "", "text", "2025",
                "", "2025", "",
                "Stated by Premier Li Qiang at the NPC session in March 2025 "
                "for 'this year'."),
    "seed-18": ("target", "CHN", "CHN_NEXT_FYP",
                "consumption_share_numeric_target", "", "text", "", "",
                "2026", "",
                "The report's 'learning against' (sic) means leaning "
                "against."),
}


# --------------------------------------------------------------------------
# Issue 17: nature, evidence, knowledge time, rank reasons, series
# --------------------------------------------------------------------------

# measures.nature: a rate or target holds from valid_from to valid_to
# (in_force); an average, effective rate, statistic or claim describes the
# date or period it was computed for (estimate). Headline totals are sums of
# rates in force, so in force too.
NATURE = {
    "additional_tariff_rate": "in_force",
    "average_tariff_rate": "estimate",
    "headline_total_tariff_rate": "in_force",
    "all_in_tariff_floor": "in_force",
    "effective_tariff_rate": "estimate",
    "gdp_growth_target": "in_force",
    "investment_share_ratio": "estimate",
    "domestic_content_core_materials_share": "in_force",
    "manufacturing_innovation_centres": "in_force",
    "manufacturing_power_milestone": "in_force",
    "priority_sector": "in_force",
    "programme_release_year": "estimate",
    "five_year_plan_start": "estimate",
    "five_year_plan_publication": "estimate",
    "manufacturing_share_of_gdp_goal": "in_force",
    "policy_priority": "in_force",
    "consumption_share_numeric_target": "estimate",
    "official_statement": "estimate",
}
# every WDI share of GDP is a statistic
for _mid, _ in WDI.values():
    NATURE[_mid] = "estimate"

# sources.published_kind: 'vintage' for statistics releases (their facts are
# known from the vintage's date); 'published' (the default) otherwise.
PUBLISHED_KIND = {
    "wdi-open-numbers": "vintage",
    "wdi-datasets": "vintage",
}
# published dates found by the knowledge-time research
# (research/statistics_known_from.csv, research/tariff_known_from.csv):
# id -> (published, notes)
SOURCE_PUBLISHED_FIX = {
    "wdi-open-numbers": (
        "2025-10-12",
        "Values rounded to 5 decimals; countries only. Published: the "
        "'created' date of the pinned commit's datapackage.json (line 11: "
        "\"created\": \"2025-10-12T12:17:18.231073+00:00\"), the day the "
        "package was built: its values were public by then (an upper bound; "
        "the World Bank released many of them earlier)."),
    "akingump-eo-tracker": (
        "2025-03-03",
        "Tracker page updated over time; the stored copy shows the date line "
        "\"March 03, 2025\" under its title."),
}

WDI_DATASETS_COMMIT = "4ebec5a2273f531ba238a34dbe440394dc5a6c4b"
WDI_OPEN_NUMBERS_COMMIT = "01a34e8b54d76160a61b0325d74254e22db06b93"


def wdi_lines(shared, code):
    """(country, year) -> (line, value) of a raw WDI file (shared/data/wdi,
    byte for byte the datasets repository's indicators/<code>/data.csv)."""
    path = os.path.join(shared, "wdi", code.lower() + ".csv")
    out = {}
    with open(path, encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.reader(f), start=1):
            if n > 1:
                out[(row[1], row[2])] = (n, row[3])
    return out


def gdp_evidence(shared, r, cache):
    """evidence=data for a WDI share: the file at its pinned commit and the
    row. The datasets repository's files are in shared/data/wdi, so the row
    is their line number; the open-numbers DDF files were read in pages
    through an index and never stored whole, so the row is the file's own
    key (geo, time), a row key as data/README allows."""
    code = r["indicator_code"]
    if "datasets/world-development-indicators" in r["source_url"]:
        if code not in cache:
            cache[code] = wdi_lines(shared, code)
        line, value = cache[code][(r["country_iso3"], r["year"])]
        assert float(value) == float(r["value"]), (code, r)
        return ("datasets/world-development-indicators@%s:indicators/%s/"
                "data.csv" % (WDI_DATASETS_COMMIT, code.lower()), str(line))
    ddf = code.lower().replace(".", "_")
    return ("open-numbers/ddf--open_numbers--world_development_indicators@%s:"
            "datapoints/ddf--datapoints--%s--by--geo--time.csv"
            % (WDI_OPEN_NUMBERS_COMMIT, ddf),
            "geo=%s,time=%s" % (r["country_iso3"].lower(), r["year"]))


def tracker_evidence(research):
    """fact id -> evidence row of research/tracker_evidence.csv (the first
    row of a fact is its evidence; later rows back a date)."""
    out = {}
    for r in read(os.path.join(research, "tracker_evidence.csv")):
        out.setdefault(r["fact_id"], r)
    return out


# The two Vietnam rates whose value the research could not locate in the
# files it read: the value rests on the HTS chapter 99 text the source
# names, at the heading below (a row key: the heading, not a line).
HTS_HEADING_ONLY = {
    "tariff.usa-vnm-ieepa-reciprocal.undated.yale": "9903.01.72",
    "tariff.usa-vnm-ieepa-reciprocal.2025-08-07.yale": "9903.02.69",
}
YALE_REPO = "Budget-Lab-Yale/tariff-rate-tracker"
YALE_COMMIT = "8315fffd697c42559141ed5f8bf7c8fa3da47ae8"


def set_tracker_evidence(f, ev):
    """A tracker fact's evidence: text (the changelog line or comment as
    quote) or data (owner/repo@commit:path and line), per the research."""
    if f["id"] in HTS_HEADING_ONLY:
        f.update(evidence="data",
                 data_file="%s@%s:data/us_notes/chapter99_2026_rev_6.txt"
                           % (YALE_REPO, YALE_COMMIT),
                 data_row="heading=" + HTS_HEADING_ONLY[f["id"]])
        f["notes"] = join_notes(f["notes"], (
            "Evidence: the value rests on HTS heading %s of the chapter 99 "
            "text; the research did not re-read that 3.8 MB file, so the "
            "row is the heading, not a line (data/README.md)."
            % HTS_HEADING_ONLY[f["id"]]))
        return
    assert ev, "no tracker evidence for " + f["id"]
    repo, path = ev["file"].split(":", 1)
    if ev["evidence"] == "text":
        f.update(evidence="text", quote=ev["quote_or_row_text"])
    else:
        f.update(evidence="data",
                 data_file="%s@%s:%s" % (repo, ev["commit_read"], path),
                 data_row=ev["line"])
    if ev["commit_read"] != YALE_COMMIT or not repo.startswith("Budget-Lab"):
        f["notes"] = join_notes(f["notes"], (
            "Evidence read in %s at commit %s (the index holds no copy at "
            "8315fffd)." % (repo, ev["commit_read"][:12])))


def join_notes(*parts):
    return "; ".join(p for p in parts if p)


# Knowledge time a row states, from research/tariff_known_from.csv and
# research/statistics_known_from.csv: fact id -> (known_from, rule, basis).
# `announced`: the date a measure was announced or signed, stated by a
# source; `bound`: a date by which the value was certainly public (an upper
# bound), basis in notes. Research rows with rule `effective` are what the
# loader derives itself; rows that name a source are in sources.csv.
def research_known_from(research):
    out = {}
    for r in read(os.path.join(research, "tariff_known_from.csv")):
        fid, date, rule = (r["source_or_fact_id"], r["proposed_known_from"],
                           r["rule"])
        if not fid.startswith("tariff.") or not date or rule == "effective":
            continue
        if rule == "source_published":
            if fid in KNOWN_FROM_DERIVED_SAME:
                continue
            # the date of another, dated page with the same figure
            rule = "bound"
        basis = r["basis"]
        if r["url"]:
            basis += " " + r["url"]
        if r["quote"]:
            basis += ": \"%s\"" % r["quote"]
        out[fid] = (date, rule, basis)
    return out


# The source's own month-only date already gives this knowledge time.
KNOWN_FROM_DERIVED_SAME = {"tariff.usa-chn-s301-list4a.2019-09-01"}

# Wikipedia's stored copy shows no revision date: its two MIC2025 facts are
# known from the CSIS piece that states the same numbers (2015-06; end of
# that month), per research/statistics_known_from.csv.
WIKIPEDIA_KNOWN = ("2015-06-30", "bound",
                   "The stored Wikipedia copy shows no revision date; the same "
                   "numbers (40% by 2020, 70% by 2025) were published by CSIS "
                   "(Scott Kennedy) in June 2015 (source "
                   "csis-kennedy-2015-mic2025): known by the end of that "
                   "month.")

# Why a fact is deprecated, or normal beside a preferred twin.
RECIP_RANK_REASON = ("The tracker's HTS-revision date, not the legal date: "
                     "84% took effect 2025-04-09, 125% 2025-04-10 and the "
                     "Geneva cut 2025-05-14 (the tariff_events rows; "
                     "data/README.md, conflicts).")
RANK_REASONS = {
    "tariff.usa-chn-ieepa-reciprocal.2025-04-02.yale": RECIP_RANK_REASON,
    "tariff.usa-chn-ieepa-reciprocal.2025-04-03.yale": RECIP_RANK_REASON,
    "tariff.usa-chn-ieepa-reciprocal.2025-04-05.yale": RECIP_RANK_REASON,
    "tariff.usa-chn-ieepa-reciprocal.2025-04-14.yale": RECIP_RANK_REASON,
    "tariff.chn-usa-retaliation-all-goods.2025-04-10.rate-34": (
        "Superseded before it applied: the 84% rate announced on 2025-04-09 "
        "took effect on the same date (2025-04-10)."),
    "tariff.usa-chn-ieepa-fentanyl.2025-02-04": (
        "Second source: the Yale tracker row quotes the HTS legal text for "
        "the same date and rate."),
    "tariff.usa-chn-ieepa-fentanyl.2025-03-04.yale": (
        "The tracker infers the 2025-03-04 start; the executive-order "
        "summary states it."),
    "tariff.usa-chn-average.2025-05-14.bloomberg": (
        "A rounded figure ('around 40%') whose method is not stated; PIIE's "
        "trade-weighted average with its method stated is preferred."),
    "seed.01": ("The news report's figure, dated only 'in April'; the White "
                "House statement of 2025-04-10 is preferred."),
    "seed.02": ("The news report's rounded figure ('roughly 40 percent'), "
                "method not stated; PIIE's trade-weighted average is "
                "preferred."),
    "seed.09": ("The news report's wording; the People's Daily interview "
                "(2015) with the MIIT minister is preferred."),
    "seed.10": ("The news report's wording; the People's Daily interview "
                "(2015) with the MIIT minister is preferred."),
}
# Deprecation reasons that were kept in notes before issue 17 move to
# rank_reason; these notes are dropped from `notes`.
NOTES_MOVED_TO_RANK_REASON = [
    "Superseded before it applied: the 84% rate announced on 2025-04-09 "
    "took effect on the same date (2025-04-10).",
    RECIP_DATE_NOTE,
]

# Qualifiers the research found contradicted by the quote
# (research/qualifier_fixes.csv; the other six rows it lists are 'exact'
# rightly: the hedge word qualifies another number of the quote).
QUALIFIER_FIXES = {
    "tariff.usa-chn-average.2025-05-14.bloomberg": (
        "approx", "the quote says 'around 40%'"),
}


def finish_fact(f, known):
    """The issue-17 columns every fact gets after its builder ran."""
    fid = f["id"]
    if fid in QUALIFIER_FIXES:
        f["qualifier"], why = QUALIFIER_FIXES[fid]
        f["notes"] = join_notes(f["notes"], "Qualifier approx: " + why + ".")
    if fid in RANK_REASONS:
        f["rank_reason"] = RANK_REASONS[fid]
    for moved in NOTES_MOVED_TO_RANK_REASON:
        f["notes"] = f["notes"].replace("; " + moved, "").replace(moved, "")
    assert f["rank"] != "deprecated" or f["rank_reason"], fid
    if f["known_from"] and not f["known_from_rule"]:
        f["known_from_rule"] = "announced"  # the Yale layers' announced dates
    elif not f["known_from"] and fid in known:
        date, rule, basis = known[fid]
        f.update(known_from=date, known_from_rule=rule)
        f["notes"] = join_notes(f["notes"], "Knowledge time (%s): %s"
                                % (rule, basis))
    if not f["evidence"]:
        f["evidence"] = "text" if f["quote"] else ""
    assert f["evidence"], "no evidence for " + fid
    return f


# series.csv: every tariff series, how it combines with the other layers of
# its pair (research/layer_combination.csv). `replaces` is only for a layer
# that takes another's place on all goods of its pair; product-level
# interactions (Section 232 goods exempt from the reciprocal duty, the
# maximum of two 301 headings on one product) are in notes, since the
# headline counts only all-goods layers.
# (id, name, imposer, target, authority, scope, combines, replaces, basis,
#  source_id, notes)
S301_BASIS = ("Section 301 duties apply in addition to every other duty: "
              "\"the new 25% ad valorem duty shall apply in addition to all "
              "other applicable duties, fees, exactions, and charges.\" "
              "(https://tradeandsanctionslaw.com/2018/06/17/imposition-of-"
              "tariffs-and-additional-proposed-action-pursuant-to-section-"
              "301/)")
S301_BIDEN_NOTE = ("On the 8 HTS8 products also on a Trump-era list, the "
                   "tracker and Tariff-ETRs take the higher 301 rate, TPC "
                   "appears to add them (johnthwong/tariff-rate-tracker@"
                   "24a0d59f71be:docs/archive/comparison_vs_tariff_etrs.md:58)"
                   "; a legal question the repository leaves open.")
S232_BASIS = ("Section 232 goods pay the sector tariff plus fentanyl plus "
              "Section 301, not the reciprocal duty: \"Goods subject to "
              "sector-specific tariffs will be subject to such tariffs, plus "
              "the 20% fentanyl tariffs, plus any applicable Section 301 "
              "duties.\" (https://alstontrade.com/?p=447)")
S232_NOTE = ("On its products it takes the place of the reciprocal duty and "
             "Section 122 (on the metal share only for metals: "
             "johnthwong/tariff-rate-tracker@24a0d59f71be:docs/archive/"
             "comparison_vs_tariff_etrs.md:90).")
BASELINE_PLACE = ("A country rate takes the baseline's place while in force: "
                  "\"Thus, the higher country-specific rates, other than "
                  "China, revert to 10 percent duties.\" "
                  "(https://internationaltrade.btlaw.com/post/102k88q/cycle-"
                  "of-reciprocity-increased-ieepa-reciprocal-tariffs-on-"
                  "chinese-origin-goods)")
ESTIMATE_BASIS = "An estimate series (averages of the rates in force), not a layer."
ETR_BASIS = ("An estimate series (the tracker's import-weighted effective "
             "rate), not a layer.")
SERIES = [
    ("usa-chn-average", "Average US tariff on imports from China", "USA",
     "CHN", "estimate (PIIE and others)", "all_goods", "none", "",
     ESTIMATE_BASIS, "", ""),
    ("chn-usa-average", "Average Chinese tariff on imports from the US",
     "CHN", "USA", "estimate (PIIE)", "all_goods", "none", "",
     ESTIMATE_BASIS, "", ""),
    ("usa-chn-ieepa-total", "US headline IEEPA total on China", "USA", "CHN",
     "IEEPA (stated total)", "all_goods", "none", "",
     "A stated sum of the reciprocal and fentanyl layers, never added to "
     "them: 145% from 2025-04-10 = 125 + 20 (\"factoring in the earlier 20 "
     "percent tariffs imposed in connection with fentanyl trafficking\", "
     "epochtimes-2025-04-10); 30% from 2025-05-14 = 10 + 20. Excludes "
     "Section 301, 232 and MFN.", "epochtimes-2025-04-10", ""),
    ("usa-chn-ieepa-fentanyl", "US IEEPA fentanyl tariff on China", "USA",
     "CHN", "IEEPA fentanyl", "all_goods", "stacks", "", S232_BASIS, "",
     "Each value replaces the previous one of the series (10, then 20, then "
     "10): \"On March 3, 2025, an Amendment to the Executive Order increased "
     "the rate to 20%.\" (akingump-eo-tracker). The tracker changelog's "
     "'cumulative with rev_1's +10%' (30%) is rejected."),
    ("usa-chn-ieepa-reciprocal", "US IEEPA reciprocal tariff on China",
     "USA", "CHN", "IEEPA reciprocal", "all_goods", "replaces",
     "usa-wld-ieepa-reciprocal-baseline",
     "China's rate is the whole reciprocal duty, never baseline plus China "
     "rate: PIIE's April steps 10 + 74 + 41 add up to 125 (piie-chart-2025-"
     "post-geneva); after Geneva the 10% is \"the same “baseline” tariff that "
     "applies to good of most countries\" (https://alstontrade.com/?p=447); "
     "tracker: \"China falls back to universal 10% baseline (9903.01.25)\" "
     "(Budget-Lab-Yale/tariff-rate-tracker@12b9a292c347:docs/"
     "revision_changelog.md:115).", "",
     "Not on Section 232 goods (" + S232_NOTE[:-1] + ")."),
    ("usa-wld-ieepa-reciprocal-baseline",
     "US IEEPA reciprocal baseline on all origins", "USA", "WLD",
     "IEEPA reciprocal", "all_goods", "stacks", "",
     "\"As of April 5, 2025, at 12:01 a.m. EDT, a baseline 10 percent tariff "
     "applies to imported products of all countries except Canada and "
     "Mexico.\" (https://millerchevalier.com/publication/what-you-need-know-"
     "about-reciprocal-tariffs-updated)", "",
     "Replaced for China by China's own reciprocal rate, for the EU, Japan "
     "and Viet Nam by theirs while in force, and for Canada and Mexico by "
     "their fentanyl layers (outside the baseline)."),
    ("usa-wld-s122", "US Section 122 blanket tariff", "USA", "WLD",
     "Section 122", "all_goods", "stacks", "",
     "\"# Blanket tariff replacing IEEPA after SCOTUS invalidation.\" "
     "(Budget-Lab-Yale/tariff-rate-tracker@04bd7d620dcf:config/"
     "policy_params.yaml:877): it starts after the IEEPA layers ended.", "",
     "Exempts Section 232 goods and USMCA goods of Canada and Mexico "
     "(headings 9903.03.02-11, revision_changelog.md:234)."),
]
S301_SERIES = [
    ("usa-chn-s301-list1", "US Section 301 List 1 on China", ""),
    ("usa-chn-s301-list2", "US Section 301 List 2 on China", ""),
    ("usa-chn-s301-list3", "US Section 301 List 3 on China", ""),
    ("usa-chn-s301-list4a", "US Section 301 List 4A on China", ""),
    ("usa-chn-s301-9903.88.04", "US Section 301 heading 9903.88.04", ""),
    ("usa-chn-s301-9903.91.01", "US Section 301 heading 9903.91.01",
     S301_BIDEN_NOTE),
    ("usa-chn-s301-9903.91.02", "US Section 301 heading 9903.91.02",
     S301_BIDEN_NOTE),
    ("usa-chn-s301-9903.91.03", "US Section 301 heading 9903.91.03",
     S301_BIDEN_NOTE),
    ("usa-chn-s301-9903.91.04", "US Section 301 heading 9903.91.04",
     S301_BIDEN_NOTE),
    ("usa-chn-s301-9903.91.05", "US Section 301 heading 9903.91.05",
     S301_BIDEN_NOTE),
    ("usa-chn-s301-9903.91.06", "US Section 301 heading 9903.91.06",
     S301_BIDEN_NOTE),
    ("usa-chn-s301-9903.91.07", "US Section 301 heading 9903.91.07",
     S301_BIDEN_NOTE),
    ("usa-chn-s301-9903.91.08", "US Section 301 heading 9903.91.08",
     S301_BIDEN_NOTE),
    ("usa-chn-s301-9903.91.11", "US Section 301 heading 9903.91.11",
     S301_BIDEN_NOTE),
    ("usa-chn-s301-9903.91.12",
     "US Section 301 heading 9903.91.12 (intermodal chassis)",
     "The tracker applies the maximum 301 rate per HTS8 "
     "(config/policy_params.yaml:516-517)."),
    ("usa-chn-s301-9903.91.14",
     "US Section 301 heading 9903.91.14 (ship-to-shore cranes)",
     "On cranes (8426.19.00) the tracker takes the maximum with "
     "9903.92.10 (config/policy_params.yaml:516-517)."),
    ("usa-chn-s301-9903.92.10", "US Section 301 heading 9903.92.10", ""),
]
for _id, _name, _note in S301_SERIES:
    SERIES.append((_id, _name, "USA", "CHN", "Section 301", "products",
                   "stacks", "", S301_BASIS, "", _note))
S232_SERIES = [
    ("usa-wld-s232-steel-aluminum", "US Section 232 steel and aluminium", ""),
    ("usa-wld-s232-metals-annex-1a",
     "US Section 232 metals, annex I-A (core metals)",
     "Replaced the single steel and aluminium rate from 2026-04-06 "
     "(policy_params.yaml:308)."),
    ("usa-wld-s232-metals-annex-1b",
     "US Section 232 metals, annex I-B (downstream articles)",
     "Replaced the single steel and aluminium rate from 2026-04-06 "
     "(policy_params.yaml:308)."),
    ("usa-wld-s232-metals-annex-3",
     "US Section 232 metals, annex III (all-in floor)",
     "An all-in floor: the total duty is 15%, not added to MFN "
     "(policy_params.yaml:360-364)."),
    ("usa-wld-s232-autos", "US Section 232 passenger vehicles and light trucks",
     ""),
    ("usa-wld-s232-auto-parts", "US Section 232 auto parts", ""),
    ("usa-wld-s232-copper", "US Section 232 copper", ""),
    ("usa-wld-s232-trucks", "US Section 232 medium and heavy vehicles",
     "Its relation to the reciprocal duty is stated in no page read."),
    ("usa-wld-s232-semiconductors", "US Section 232 semiconductors",
     "Stacking exclusions per HTS note 39(a) and note 2(v)(xvi) "
     "(policy_params.yaml:190-191), not read."),
]
for _id, _name, _note in S232_SERIES:
    SERIES.append((_id, _name, "USA", "WLD", "Section 232", "products",
                   "stacks", "", S232_BASIS, "",
                   join_notes(S232_NOTE, _note)))
SERIES += [
    ("usa-can-ieepa-fentanyl", "US IEEPA fentanyl tariff on Canada", "USA",
     "CAN", "IEEPA fentanyl", "all_goods", "replaces",
     "usa-wld-ieepa-reciprocal-baseline",
     "Canada is outside the reciprocal baseline (\"a baseline 10 percent "
     "tariff applies to imported products of all countries except Canada "
     "and Mexico\", https://millerchevalier.com/publication/what-you-need-"
     "know-about-reciprocal-tariffs-updated): this layer stands in its place "
     "for Canada.", "",
     "USMCA-qualifying goods exempt. Does not stack with Section 232 (EO of "
     "2025-04-29); which one yields is not in the text read."),
    ("usa-can-ieepa-fentanyl-energy",
     "US IEEPA fentanyl tariff on Canadian energy and minerals", "USA", "CAN",
     "IEEPA fentanyl", "products", "stacks", "",
     "\"These entries in 9903.01.01-24 assign a lower rate to specific "
     "product categories instead of the general blanket rate\" "
     "(Budget-Lab-Yale/tariff-rate-tracker@04bd7d620dcf:config/"
     "policy_params.yaml:716-718).", "",
     "On its products it takes the place of the general Canada rate."),
    ("usa-mex-ieepa-fentanyl", "US IEEPA fentanyl tariff on Mexico", "USA",
     "MEX", "IEEPA fentanyl", "all_goods", "replaces",
     "usa-wld-ieepa-reciprocal-baseline",
     "Mexico is outside the reciprocal baseline (\"a baseline 10 percent "
     "tariff applies to imported products of all countries except Canada "
     "and Mexico\", https://millerchevalier.com/publication/what-you-need-"
     "know-about-reciprocal-tariffs-updated): this layer stands in its place "
     "for Mexico.", "", "USMCA-qualifying goods exempt."),
    ("usa-euu-ieepa-reciprocal", "US IEEPA reciprocal tariff on the EU",
     "USA", "EUU", "IEEPA reciprocal", "all_goods", "replaces",
     "usa-wld-ieepa-reciprocal-baseline", BASELINE_PLACE, "", ""),
    ("usa-euu-ieepa-reciprocal-floor",
     "US IEEPA reciprocal all-in floor on the EU", "USA", "EUU",
     "IEEPA reciprocal", "all_goods", "replaces", "usa-euu-ieepa-reciprocal",
     "Floor countries: passthrough for a base rate of 15% or more, the floor "
     "below it (Budget-Lab-Yale/tariff-rate-tracker@12b9a292c347:docs/"
     "revision_changelog.md:284).", "",
     "An all-in total (MFN included); replaces the EU rate, which replaced "
     "the baseline."),
    ("usa-jpn-ieepa-reciprocal", "US IEEPA reciprocal tariff on Japan",
     "USA", "JPN", "IEEPA reciprocal", "all_goods", "replaces",
     "usa-wld-ieepa-reciprocal-baseline", BASELINE_PLACE, "",
     "Conflict: the tracker changelog lists Japan's Phase 2 heading "
     "9903.02.30 among the 15% floor countries (revision_changelog.md:144); "
     "the fact of 2025-08-07 says +15% on top of MFN."),
    ("usa-jpn-ieepa-reciprocal-floor",
     "US IEEPA reciprocal all-in floor on Japan", "USA", "JPN",
     "IEEPA reciprocal", "all_goods", "replaces", "usa-jpn-ieepa-reciprocal",
     "\"rev_23 — 2025-09-12: Japan Floor ... Floor structure replaces "
     "surcharge.\" (Budget-Lab-Yale/tariff-rate-tracker@12b9a292c347:docs/"
     "revision_changelog.md:162-163)", "", "An all-in total (MFN included)."),
    ("usa-vnm-ieepa-reciprocal", "US IEEPA reciprocal tariff on Viet Nam",
     "USA", "VNM", "IEEPA reciprocal", "all_goods", "replaces",
     "usa-wld-ieepa-reciprocal-baseline", BASELINE_PLACE, "",
     "Conflict: the tracker says Phase 1 and Phase 2 stack for most "
     "countries (revision_changelog.md:147-148); the research notes say "
     "Phase 1 was terminated by Phase 2. The series takes each value as "
     "replacing the previous one."),
    ("chn-usa-retaliation-all-goods",
     "Chinese additional tariff on all US goods", "CHN", "USA",
     "Customs Tariff Commission", "all_goods", "stacks", "",
     "\"the new additional tariffs to be imposed will not be reduced or "
     "exempted\" (https://wpbk.net/news/OWj1vV2NX1.html); each announcement "
     "replaced the previous rate of the series (https://www.gmt8press.com/"
     "latest/detail/290927).", "",
     "Whether it adds to the February and March product lists is stated in "
     "no page read."),
    ("chn-usa-retaliation-coal-lng",
     "Chinese additional tariff on US coal and LNG", "CHN", "USA",
     "Customs Tariff Commission", "products", "stacks", "",
     "An additional tariff on listed products (finanznachrichten-2025-02-04)"
     "; its relation to the all-goods series is stated in no page read.",
     "finanznachrichten-2025-02-04", ""),
    ("chn-usa-retaliation-crude-machinery-cars",
     "Chinese additional tariff on US crude oil, agricultural machinery and "
     "large cars", "CHN", "USA", "Customs Tariff Commission", "products",
     "stacks", "",
     "An additional tariff on listed products (finanznachrichten-2025-02-04)"
     "; its relation to the all-goods series is stated in no page read.",
     "finanznachrichten-2025-02-04", ""),
]
for _iso in ["wld", "chn", "can", "mex", "jpn", "gbr", "euu"]:
    SERIES.append(("usa-%s-etr-yale" % _iso,
                   "US effective tariff rate on imports from %s (Yale Budget "
                   "Lab)" % _iso.upper(), "USA", _iso.upper(),
                   "estimate (Yale Budget Lab)", "all_goods", "none", "",
                   ETR_BASIS, "yale-tracker-etr-comparison", ""))
SERIES_COLUMNS = ["id", "name", "imposer", "target", "authority", "scope",
                  "combines", "replaces", "basis", "source_id", "notes"]
OUTCOME_LINK_COLUMNS = ["target_measure", "outcome_measure", "subject",
                        "match", "note", "status_rule"]


# --------------------------------------------------------------------------
# Issue 17, new data: China's 2025 tariffs, the 2019 averages, targets and
# outcomes (tools/import_targets.py), the founding report's statements
# --------------------------------------------------------------------------
import import_targets  # noqa: E402 (tools/, beside this file)

# Sources found by the research, keyed by the URL facts cite:
# url -> (id, title, publisher, published, license, notes, weak)
NEW_SOURCES = {
    "https://www.shine.cn/news/nation/2502046503/": (
        "shanghaidaily-2025-02-04", "China announces additional tariffs on US "
        "goods (Xinhua text of the Customs Tariff Commission announcement)",
        "Shanghai Daily (Xinhua)", "2025-02-04", False),
    "http://en.people.cn/n3/2025/0304/c90000-20284284.html": (
        "peoples-daily-2025-03-04", "China to impose additional tariffs on "
        "some US agricultural products (Xinhua)", "People's Daily Online "
        "(Xinhua)", "2025-03-04", False),
    "https://www.latestly.com/socially/world/tariff-war-china-announces-34-retaliatory-tariffs-on-all-us-goods-6758230.html": (
        "latestly-2025-04-04", "Tariff war: China announces 34% retaliatory "
        "tariffs on all US goods", "LatestLY", "2025-04-04", True),
    "https://www.shine.cn/biz/economy/2504093173/": (
        "shanghaidaily-2025-04-09", "China raises additional tariffs on US "
        "goods to 84% (Xinhua text)", "Shanghai Daily (Xinhua)",
        "2025-04-09", False),
    "http://epaper.chinadaily.com.cn/a/202504/12/WS67f9b71ba3101d7a97b6b640.html": (
        "chinadaily-2025-04-12", "China raises tariffs on US goods to 125% "
        "(print edition)", "China Daily", "2025-04-12", False),
    "https://www.shine.cn/news/nation/2505142861/": (
        "shanghaidaily-2025-05-14", "China adjusts additional tariffs on US "
        "goods after the Geneva talks (Xinhua text)", "Shanghai Daily "
        "(Xinhua)", "2025-05-14", False),
    "https://www.lexiscn.com/latest_message.php?access=show_detail&id=491425": (
        "lexiscn-2025-08", "Customs Tariff Commission announcement: the "
        "24% suspension extended (LexisNexis China legal news)",
        "LexisNexis China", "2025-08", False),
    "https://www.piie.com/research/piie-charts/trade-war-suddenly-getting-worse": (
        "piie-chart-2019-09-20", "The Trade War Is Suddenly Getting Worse "
        "(chart; Chad P. Bown)", "PIIE", "2019-09-20", False),
    "https://gephardtdaily.com/national-international/new-tariffs-on-imports-from-china-begin-sunday/": (
        "upi-2019-09-01", "New tariffs on imports from China begin Sunday "
        "(UPI report republished by Gephardt Daily)", "UPI / Gephardt Daily",
        "2019-09-01", True),
}

# China's 2025 tariffs (research/chn_usa_layers.csv): the CTC texts
# (Xinhua via Shanghai Daily, China Daily, People's Daily) are stronger
# citations than the newswire copies and US executive-order mirrors the
# dataset had: they are preferred, the existing rows normal (or, for 34%,
# normal beside the 84% that replaced it at noon the same day).
CHN_ID_SUFFIX = {
    "shanghaidaily-2025-02-04": "shanghaidaily",
    "peoples-daily-2025-03-04": "peoplesdaily",
    "latestly-2025-04-04": "rate-34.latestly",
    "shanghaidaily-2025-04-09": "rate-84.shanghaidaily",
    "chinadaily-2025-04-12": "chinadaily",
    "shanghaidaily-2025-05-14": "shanghaidaily",
    "lexiscn-2025-08": "lexiscn",
}
CHN_KNOWN_FROM = {  # announcement dates before the page's date
    "chinadaily-2025-04-12": ("2025-04-11", (
        "CTC Announcement No. 6 of 2025 was issued on 2025-04-11 "
        "(shared/data/china_retaliatory_tariffs_2025.csv line 8; 'No. 6 "
        "issued April 11' verified at https://www.shine.cn/news/nation/"
        "2505142861/); the page is dated 2025-04-12.")),
    "shanghaidaily-2025-05-14": ("2025-05-13", (
        "The CTC announcement implementing the Geneva joint statement is "
        "of 2025-05-13 (shared/data/china_retaliatory_tariffs_2025.csv line "
        "9); effective 12:01 pm 2025-05-14.")),
}
CTC_NOTE = {
    "chn-usa-retaliation-all-goods.2025-04-10.rate-84": (
        "Effective from 12:01 pm on 2025-04-10: the 34% applied until then; "
        "at day granularity 84% answers for 2025-04-10."),
    "chn-usa-retaliation-all-goods.2025-05-14": (
        "Effective 12:01 pm 2025-05-14 (125% applied that morning); the 24 "
        "points were suspended for an initial 90 days."),
    "chn-usa-retaliation-all-goods.2025-08-12": (
        "The same 10% continued after the initial 90 days: the suspension "
        "of the 24 points was extended."),
}
CHN_EXISTING_RERANK = {
    # existing fact -> (rank, rank_reason, valid_to)
    "tariff.chn-usa-retaliation-coal-lng.2025-02-10": (
        "normal", "A newswire republication (dpa-AFX/RTTNews); the Xinhua "
        "text of the CTC announcement is preferred.", ""),
    "tariff.chn-usa-retaliation-crude-machinery-cars.2025-02-10": (
        "normal", "A newswire republication (dpa-AFX/RTTNews); the Xinhua "
        "text of the CTC announcement is preferred.", ""),
    "tariff.chn-usa-retaliation-all-goods.2025-04-10.rate-34": (
        "normal", "In force on 2025-04-10 until 12:01 pm, when 84% took "
        "effect (CTC Announcement No. 5): at day granularity the 84% "
        "answers for that day and this one is listed beside it.",
        "2025-04-10"),
    "tariff.chn-usa-retaliation-all-goods.2025-04-10.rate-84": (
        "normal", "China's measure quoted through a mirror of the US "
        "executive order; the Xinhua text of the CTC announcement is "
        "preferred.", ""),
    "tariff.chn-usa-retaliation-all-goods.2025-04-12": (
        "normal", "Trade news (PortNews); China Daily's report of the CTC "
        "announcement is preferred.", ""),
    "tariff.chn-usa-retaliation-all-goods.2025-05-14": (
        "normal", "A trade magazine's report; the Xinhua text of the CTC "
        "announcement is preferred.", ""),
}
AGRI_NOTE = ("Possible end: a US account (https://www.mondaq.com/"
             "unitedstates/international-trade-investment/1702374/) says "
             "China committed to \"suspending tariffs on U.S. agricultural "
             "products until December 31, 2026\" from 2025-11-10; no Chinese "
             "text was found, so valid_to is left open.")
SERIES_M2 = [
    ("chn-usa-retaliation-agri-15",
     "Chinese additional 15% tariff on US chicken, wheat, corn and cotton",
     "CHN", "USA", "Customs Tariff Commission", "products", "stacks", "",
     "\"An additional 15-percent tariff will be imposed on imported chicken, "
     "wheat, corn and cotton originating from the United States\" "
     "(http://en.people.cn/n3/2025/0304/c90000-20284284.html); its "
     "relation to the all-goods series is stated in no page read.",
     "peoples-daily-2025-03-04", AGRI_NOTE),
    ("chn-usa-retaliation-agri-10",
     "Chinese additional 10% tariff on US sorghum, soybeans, pork, beef, "
     "aquatic products, fruits, vegetables and dairy", "CHN", "USA",
     "Customs Tariff Commission", "products", "stacks", "",
     "\"Sorghum, soybeans, pork, beef, aquatic products, fruits, vegetables "
     "and dairy products will be subject to an additional 10-percent "
     "tariff.\" (http://en.people.cn/n3/2025/0304/c90000-20284284.html); "
     "its relation to the all-goods series is stated in no page read.",
     "peoples-daily-2025-03-04", AGRI_NOTE),
]
LEFT_OUT_TARIFFS = [
    ("shared/data/china_retaliatory_tariffs_2025.csv:11 (2025-11-10, "
     "agricultural products)", "No rate, and only a US-side account of a "
     "Chinese commitment; kept as a note on the two agricultural series."),
    ("research/avg_2019.md: projections for 2019-12-15 (26.6%, 23.8%, "
     "24.3%; China 25.1%, 25.9%)", "They describe tariffs that were "
     "suspended by the deal of 2019-12-13, a state that never existed."),
]


# The stated headline of 2025-04-09 the research found
# (research/layer_combination.csv): 84% reciprocal + 20% fentanyl.
NEW_SOURCES["https://logisticsmanager.com/trump-raises-total-tariff-on-china-to-104-china-retaliates-with-84-additional-tariffs"] = (
    "logisticsmanager-2025-04", "Trump raises total tariff on China to 104%; "
    "China retaliates with 84% additional tariffs", "Logistics Manager", "",
    False)


def headline_104(research):
    r = next(x for x in read(os.path.join(research, "layer_combination.csv"))
             if "104%" in x["quote"])
    f = blank_fact()
    f.update(id="tariff.usa-chn-ieepa-total.2025-04-09", kind="tariff_rate",
             subject="USA", object="CHN",
             measure="headline_total_tariff_rate", series="usa-chn-ieepa-total",
             label="Total IEEPA tariff on China: 84% reciprocal + 20% fentanyl",
             value="104", qualifier="exact", valid_from="2025-04-09",
             source_id=NEW_SOURCES[r["url_or_file_line"]][0],
             evidence="text", quote=r["quote"],
             locator="research/layer_combination.csv",
             notes="Applies to: goods of China, excluding Section 301, 232 and "
                   "MFN duties; one day, before the 125% step of 2025-04-10. "
                   "The page shows no date: knowledge time from the effective "
                   "date.")
    return f


def chn_layer_facts(research):
    out = []
    for r in read(os.path.join(research, "chn_usa_layers.csv")):
        if r["series"].startswith("("):
            continue
        sid = NEW_SOURCES[r["source_url"]][0]
        fid = "tariff.%s.%s.%s" % (r["series"], r["valid_from"],
                                   CHN_ID_SUFFIX[sid])
        f = blank_fact()
        f.update(id=fid, kind="tariff_rate", subject="CHN", object="USA",
                 measure="additional_tariff_rate", series=r["series"],
                 label="Chinese additional tariff on US goods: " + r["scope"],
                 value=r["rate"], qualifier="exact", rank=r["rank"],
                 valid_from=r["valid_from"], valid_to=r["valid_to"],
                 source_id=sid, evidence="text", quote=r["quote"],
                 locator="research/chn_usa_layers.csv (%s)"
                         % r["research_row"],
                 notes=join_notes("Applies to: " + r["scope"],
                                  CTC_NOTE.get(fid[len("tariff."):], "")))
        if sid == "latestly-2025-04-04":
            f["rank"] = "normal"
            f["rank_reason"] = ("A weak source (an aggregator page) with the "
                                "same 34% as the executive-order text.")
        if sid in CHN_KNOWN_FROM:
            date, basis = CHN_KNOWN_FROM[sid]
            f.update(known_from=date, known_from_rule="announced")
            f["notes"] = join_notes(f["notes"], "Knowledge time (announced): "
                                    + basis)
        if r["series"] in ("chn-usa-retaliation-agri-15",
                           "chn-usa-retaliation-agri-10"):
            f["notes"] = join_notes(f["notes"], AGRI_NOTE)
        out.append(f)
    return out


# The 2019 averages (research/avg_2019_facts.csv, avg_2019.md).
# A deprecated estimate states its own end (its day): deprecated values do
# not end or extend the others of their series, so without it the record
# would claim every later day.
AVG_2019_VALID_TO = {
    "tariff.usa-chn-average.2019-06-14.piie": "2019-06-14",
    "tariff.usa-chn-average.2019-09-01.piie-projection": "2019-09-01",
}
AVG_2019 = {
    # proposed id -> (valid_from, rank, rank_reason, note)
    "tariff.usa-chn-average.2019-05.piie": (
        "2019-05-31", "", "",
        "'In May 2019': observed on the last day of that month (no day is "
        "given; List 3 rose to 25% on 2019-05-10)."),
    "tariff.usa-chn-average.2019-06-14.piie": (
        "", "deprecated",
        "PIIE's later chart (2019-09-20) dates the List 3 increase to June 15 "
        "and puts the average at 12.0% on June 14; its August 2019 chart "
        "(18.3% in May 2019) agrees with this dataset's legal date for List "
        "3 at 25% (2019-05-10). The pages do not say why they differ: shown "
        "beside the answer, never as it.", ""),
    "tariff.chn-usa-average.2019-06-14.piie": (
        "", "", "",
        "Lower than the 18.3% of 2018-09-25; the pages read do not say why. "
        "UPI (2019-09-01) gives the same 16.5%."),
    "tariff.usa-chn-average.2019-09-01.upi-piie": (
        "", "", "",
        "A secondary report of a PIIE figure (weak source); the only stored "
        "estimate of the level after the List 4A step of 2019-09-01."),
    "tariff.usa-chn-average.2019-09-01.piie-projection": (
        "", "deprecated",
        "A projection made in August 2019 ('would raise') for the plan of "
        "2019-08-01; the plan changed before 2019-09-01 (PIIE's editor's "
        "note: 'New developments ... announced August 23, 2019, have changed "
        "the average tariff amount'; List 4A went to 15%).", ""),
}


def avg_2019_facts(research):
    out = []
    for r in read(os.path.join(research, "avg_2019_facts.csv")):
        vf, rank, reason, note = AVG_2019[r["proposed_id"]]
        f = blank_fact()
        f.update(id=r["proposed_id"], kind="tariff_rate", subject=r["subject"],
                 object=r["object"], measure=r["measure"], series=r["series"],
                 label="%s average tariff on imports from %s (%s)" % (
                     r["subject"], r["object"], "PIIE" if "piie" in
                     r["proposed_id"] else "UPI citing PIIE"),
                 value=r["value"], qualifier=r["qualifier"],
                 period=r["period"], valid_from=vf, rank=rank,
                 valid_to=AVG_2019_VALID_TO.get(r["proposed_id"], ""),
                 rank_reason=reason, source_id=source_for_any(r["source_url"]),
                 evidence="text", quote=r["quote"],
                 locator="research/avg_2019_facts.csv",
                 notes=join_notes(note, r["reason"] if not note else ""))
        out.append(f)
    return out


def source_for_any(url):
    if url in NEW_SOURCES:
        return NEW_SOURCES[url][0]
    return source_for(url)


# Rows of the targets research cite many pages; each becomes a source.
TARGET_SOURCES = {}  # url -> source row (dict of the sources.csv columns)


def target_source(r):
    """The source row for a research row's page (created on first use)."""
    url = r["source_url"]
    if url in TARGET_SOURCES:
        return TARGET_SOURCES[url]["id"]
    if url in SOURCES or url in NEW_SOURCES:
        return source_for_any(url)
    if r["source_publisher"].startswith("News report citing Bloomberg"):
        return "seed-news-report-2025-05"
    pub = r["source_publisher"]
    ascii_pub = unicodedata.normalize("NFKD", re.sub(r"\(.*?\)|'", "", pub))
    ascii_pub = ascii_pub.encode("ascii", "ignore").decode()
    base = slug(ascii_pub)[:40].strip("-.")
    date = r["source_published"] or "undated"
    sid = "%s-%s" % (base, date)
    taken = {s["id"] for s in TARGET_SOURCES.values()}
    n = 2
    while sid in taken:
        sid = "%s-%s-%d" % (base, date, n)
        n += 1
    host = re.sub(r"^https?://(www\.)?", "", url).split("/")[0]
    weak = r["weak_source"] == "yes"
    TARGET_SOURCES[url] = dict(
        id=sid, title="%s, page of %s (%s)" % (pub, date, host),
        publisher=pub, url=url, published=r["source_published"],
        license="copyright; short quotes for citation",
        retrieved_from="shared research data (see data/README.md)",
        notes=join_notes(
            "Page title not recorded by the research: the publisher, date "
            "and host stand for it",
            "Weak source (a mirror, blog or aggregator)" if weak else "",
            "Check: " + r["check"]),
        published_kind="published")
    return sid


SEED_LOCATOR_FILE = "data/seed/article.txt"

# Existing facts changed by the new data.
EXISTING_RERANK = dict(CHN_EXISTING_RERANK)
EXISTING_RERANK.update({
    "target.mic2025.innovation-centres.2020": (
        "normal", "CSIS's wording ('15 by 2020'); the plan's own wording "
        "('15家左右', about 15: pishu.com.cn) is preferred.", ""),
    "target.mic2025.innovation-centres.2025": (
        "normal", "CSIS's wording ('40 by 2025'); the plan's own wording "
        "('40家左右', about 40: pishu.com.cn) is preferred.", ""),
})
# The Phase 1 country rates were in force one day: "all other higher
# country-specific rates that became effective on April 9, 2025" were
# suspended for 90 days by the order whose China rate took effect on
# April 10 (btlaw-2025-04). Without a window the tracker rows would claim
# every date (an unknown start with no end).
PHASE1_NOTE = ("Valid time from Barnes & Thornburg (btlaw-2025-04): \"For 90 "
               "days, the president also suspended all other higher "
               "country-specific rates that became effective on April 9, "
               "2025. Thus, the higher country-specific rates, other than "
               "China, revert to 10 percent duties.\"; the suspending order "
               "took effect on April 10 (\"The effective date for the "
               "IEEPA-Reciprocal 125 percent China-specific rate is April "
               "10, 2025\"). The tracker never encoded these rates (its "
               "HTS data show them suspended before publication).")
VALID_TIME_FIXES = {
    "tariff.usa-euu-ieepa-reciprocal.undated.yale": (
        "2025-04-09", "2025-04-09", PHASE1_NOTE),
    "tariff.usa-jpn-ieepa-reciprocal.undated.yale": (
        "2025-04-09", "2025-04-09", PHASE1_NOTE),
    "tariff.usa-vnm-ieepa-reciprocal.undated.yale": (
        "2025-04-09", "2025-04-09", PHASE1_NOTE),
}
# Quotes that match no stored copy of their page (research/
# statistics_known_from.csv): the stored en.wikipedia.org copy's words.
QUOTE_FIXES = {
    "target.mic2025.domestic-content.2020": (
        "The goals of Made in China 2025 include increasing the "
        "Chinese-domestic content of core materials to 40% by 2020 and 70% "
        "by 2025."),
    "target.mic2025.domestic-content.2025": (
        "The goals of Made in China 2025 include increasing the "
        "Chinese-domestic content of core materials to 40% by 2020 and 70% "
        "by 2025."),
}


def apply_existing_changes(f):
    fid = f["id"]
    if fid in EXISTING_RERANK:
        f["rank"], f["rank_reason"], vt = EXISTING_RERANK[fid]
        if vt:
            f["valid_to"] = vt
    if fid in VALID_TIME_FIXES:
        f["valid_from"], f["valid_to"], note = VALID_TIME_FIXES[fid]
        f["notes"] = join_notes(f["notes"], note)
    if fid in QUOTE_FIXES:
        f["quote"] = QUOTE_FIXES[fid]
        f["notes"] = join_notes(f["notes"], (
            "Quote as the stored en.wikipedia.org copy reads it (an earlier "
            "'40 percent ... 70 percent' wording matched no stored copy)."))


def slug(s):
    return re.sub(r"[^a-z0-9.]+", "-", s.lower()).strip("-")


def blank_fact():
    return {c: "" for c in FACT_COLUMNS}


def read(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def write(path, columns, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\r\n")
        w.writeheader()
        for r in rows:
            w.writerow(r)


def gdp_facts(shared):
    out = []
    lines = {}
    for r in read(os.path.join(shared, "gdp_shares.csv")):
        measure, component = WDI[r["indicator_code"]]
        f = blank_fact()
        data_file, data_row = gdp_evidence(shared, r, lines)
        f.update(evidence="data", data_file=data_file, data_row=data_row)
        f.update(
            id="gdp.%s.%s.%s" % (component.replace("_", "-"),
                                 r["country_iso3"].lower(), r["year"]),
            kind="gdp_share", subject=r["country_iso3"], measure=measure,
            value=r["value"], qualifier="exact", period=r["year"],
            source_id=source_for(r["source_url"]),
            locator="WDI %s; %s" % (r["indicator_code"], r["source"]),
            label="%s, %s %s" % (r["indicator_name"], r["country_name"],
                                 r["year"]))
        out.append(f)
    return out


def tariff_event_facts(shared):
    rows = read(os.path.join(shared, "tariff_events.csv"))
    assert len(rows) == len(TARIFF_EVENTS), "tariff_events curation table"
    kinds = {"additional": "additional_tariff_rate",
             "average": "average_tariff_rate",
             "total": "headline_total_tariff_rate"}
    out = []
    for r, (series, who, rank, valid_to, note) in zip(rows, TARIFF_EVENTS):
        f = blank_fact()
        suffix = "." + who if who else ""
        f.update(
            id="tariff.%s.%s%s" % (series, r["date"], suffix),
            kind="tariff_rate", subject=r["imposer_iso3"],
            object=r["target_iso3"], measure=kinds[r["rate_kind"]],
            series=series, label=r["measure"], value=r["rate_percent"],
            qualifier="exact", valid_from=r["date"], valid_to=valid_to,
            rank=rank, source_id=source_for(r["source_url"]),
            quote=r["quote"], locator=r["source"],
            notes="; ".join(x for x in ("Applies to: " + r["applies_to"],
                                        note) if x))
        out.append(f)
    return out


def layer_facts(shared, tev):
    rows = read(os.path.join(shared, "us_tariff_layers.csv"))
    assert len(rows) == len(LAYERS), "us_tariff_layers curation table"
    out = []
    seen = {}
    for r, (series, rank, note) in zip(rows, LAYERS):
        f = blank_fact()
        measure = ("all_in_tariff_floor" if r["rate_kind"] == "total"
                   else "additional_tariff_rate")
        start = r["valid_from"] or "undated"
        fid = "tariff.%s.%s.yale" % (series, start)
        seen[fid] = seen.get(fid, 0) + 1
        if seen[fid] > 1:
            fid += "-%d" % seen[fid]
        known = r["announced"]
        f.update(
            id=fid, kind="tariff_rate", subject=r["imposer_iso3"],
            object=r["target_iso3"], measure=measure, series=series,
            label="%s: %s" % (r["authority"], r["measure"]),
            value=r["rate_percent"], qualifier="exact",
            valid_from=r["valid_from"], valid_to=r["valid_until"],
            known_from=known, rank=rank,
            source_id=source_for(r["source_url"]),
            locator="%s; retrieved from %s" % (r["source"],
                                               r["retrieved_from"]),
            notes="; ".join(x for x in (
                "Applies to: " + r["applies_to"],
                "Legal source: " + r["legal_source"],
                "Knowledge time is the announcement date" if known else "",
                note) if x))
        set_tracker_evidence(f, tev.get(fid))
        out.append(f)
    return out


def etr_facts(shared, tev):
    out = []
    for r in read(os.path.join(shared, "us_effective_tariff_rate.csv")):
        series = "usa-%s-etr-yale" % r["target_iso3"].lower()
        f = blank_fact()
        f.update(
            id="tariff.%s.%s" % (series, r["date"]), kind="tariff_rate",
            subject="USA", object=r["target_iso3"],
            measure="effective_tariff_rate", series=series,
            label="US effective tariff rate on imports from %s (Yale Budget "
                  "Lab point estimate)" % r["target_iso3"],
            value=r["rate_percent"], qualifier="exact", period=r["date"],
            valid_to=r["date"],
            source_id=source_for(r["source_url"]),
            locator="%s; retrieved from %s" % (r["source"],
                                               r["retrieved_from"]),
            notes="Method: " + r["method"])
        set_tracker_evidence(f, tev.get(f["id"]))
        out.append(f)
    return out


def target_facts(shared):
    out = []
    sector = 0
    for r in read(os.path.join(shared, "mic2025_targets.csv")):
        f = blank_fact()
        ind = r["indicator"]
        f.update(kind="target", subject="MIC2025", qualifier="exact",
                 target_year=r["target_year"],
                 source_id=source_for(r["source_url"]), quote=r["quote"],
                 locator=r["source"], label=ind)
        if ind.startswith("Domestic content"):
            f.update(measure="domestic_content_core_materials_share",
                     value=r["target_value"],
                     id="target.mic2025.domestic-content." + r["target_year"])
        elif ind.startswith("Manufacturing innovation"):
            f.update(measure="manufacturing_innovation_centres",
                     value=r["target_value"],
                     id="target.mic2025.innovation-centres." +
                        r["target_year"])
        elif ind.startswith("Strategic milestone"):
            f.update(measure="manufacturing_power_milestone",
                     value_text=r["target_value"], rank="preferred",
                     id="target.mic2025.milestone." + r["target_year"])
        elif ind.startswith("Priority sector"):
            sector += 1
            f.update(measure="priority_sector", value_text=r["target_value"],
                     series="sector-%02d" % sector,
                     id="target.mic2025.sector-%02d" % sector)
        else:
            raise SystemExit("unmapped MIC2025 row: " + ind)
        if "corroborated by" in r["source"]:
            f["notes"] = "Corroborated by the CSIS analysis (Scott Kennedy, " \
                         "2015): domestic content \"of core components and " \
                         "materials to 40% by 2020 and 70% by 2025\"."
        out.append(f)
    return out


def seed_facts(shared):
    out = []
    for r in read(os.path.join(shared, "seed_article_facts.csv")):
        (kind, subj, obj, measure, series, vf, period, valid_from, target_year,
         rank, note) = SEED[r["id"]]
        f = blank_fact()
        f.update(id="seed." + r["id"][5:], kind=kind, subject=subj,
                 object=obj, measure=measure, series=series,
                 qualifier=r["qualifier"], period=period,
                 valid_from=valid_from, target_year=target_year, rank=rank,
                 source_id="seed-news-report-2025-05", quote=r["quote"],
                 locator="data/seed/article.txt", statement=r["statement"],
                 notes=note)
        if vf == "value":
            f["value"] = r["value"]
        elif vf == "range":
            low, high = r["value"].split("-")
            f.update(value_low=low, value_high=high)
        elif vf == "text":
            f["value_text"] = r["value"]
        out.append(f)
    return out


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    shared, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    research = os.path.join(out, "research")

    ecols = ["id", "name", "type", "iso3", "notes"]
    entities = ENTITIES + import_targets.ENTITIES
    write(os.path.join(out, "entities.csv"), ecols,
          [dict(zip(ecols, e)) for e in entities])

    mcols = ["id", "name", "unit", "category", "code", "min", "max",
             "description", "nature"]
    measures = [dict(zip(mcols, m + (NATURE[m[0]],))) for m in MEASURES]
    measures += [dict(zip(mcols, m)) for m in import_targets.MEASURES]
    names = {}
    for r in read(os.path.join(shared, "gdp_shares.csv")):
        names[r["indicator_code"]] = r["indicator_name"]
    for code, (mid, component) in WDI.items():
        measures.append(dict(id=mid, name=names[code], unit="percent of GDP",
                             category=component, code=code, min="0",
                             max="250", description=WDI_DESCRIPTIONS[code],
                             nature=NATURE[mid]))
    measures.sort(key=lambda m: m["id"])
    write(os.path.join(out, "measures.csv"), mcols, measures)

    tev = tracker_evidence(research)
    known = research_known_from(research)
    left = []
    growth, lo = import_targets.research_facts(
        os.path.join(research, "growth.csv"), target_source, blank_fact,
        join_notes)
    left += lo
    plans, lo = import_targets.research_facts(
        os.path.join(research, "plans.csv"), target_source, blank_fact,
        join_notes)
    left += lo
    statements, lo = import_targets.research_facts(
        os.path.join(research, "seed_statements.csv"), target_source,
        blank_fact, join_notes)
    left += lo
    tables = {
        "facts_gdp_shares.csv": gdp_facts(shared),
        "facts_tariffs.csv": tariff_event_facts(shared) +
        layer_facts(shared, tev) + etr_facts(shared, tev) +
        chn_layer_facts(research) + avg_2019_facts(research) +
        [headline_104(research)],
        "facts_targets.csv": target_facts(shared),
        "facts_seed_article.csv": seed_facts(shared) + statements,
        "facts_growth.csv": growth,
        "facts_plans.csv": plans,
    }
    for f in tables["facts_targets.csv"]:
        if f["source_id"] == "wikipedia-mic2025":
            known[f["id"]] = WIKIPEDIA_KNOWN
    series = SERIES + SERIES_M2
    series_ids = {x[0] for x in series}
    for name, facts in tables.items():
        for f in facts:
            finish_fact(f, known)
            apply_existing_changes(f)
            assert f["kind"] != "tariff_rate" or f["series"] in series_ids, \
                f["id"]
        write(os.path.join(out, name), FACT_COLUMNS, facts)
    used = {f["series"] for f in tables["facts_tariffs.csv"]}
    assert used == series_ids, series_ids ^ used
    write(os.path.join(out, "series.csv"), SERIES_COLUMNS,
          [dict(zip(SERIES_COLUMNS, x)) for x in series])
    write(os.path.join(out, "outcome_links.csv"), OUTCOME_LINK_COLUMNS,
          [dict(zip(OUTCOME_LINK_COLUMNS, x))
           for x in import_targets.outcome_links(out)])

    scols = ["id", "title", "publisher", "url", "published", "license",
             "retrieved_from", "notes", "published_kind"]
    srows = []
    for url, (sid, title, pub, published, lic, notes) in SOURCES.items():
        if sid in SOURCE_PUBLISHED_FIX:
            assert not published, sid
            published, notes = SOURCE_PUBLISHED_FIX[sid]
        srows.append(dict(id=sid, title=title, publisher=pub,
                          url=SOURCE_URL_OVERRIDE.get(sid, url),
                          published=published, license=lic,
                          retrieved_from="shared research data (see "
                                         "data/README.md)", notes=notes,
                          published_kind=PUBLISHED_KIND.get(sid,
                                                            "published")))
    for url, (sid, title, pub, published, weak) in NEW_SOURCES.items():
        srows.append(dict(id=sid, title=title, publisher=pub, url=url,
                          published=published,
                          license="copyright; short quotes for citation",
                          retrieved_from="shared research data (see "
                                         "data/README.md)",
                          notes="Weak source (a republication or "
                                "aggregator)" if weak else "",
                          published_kind="published"))
    srows += list(TARGET_SOURCES.values())
    ids = [s["id"] for s in srows]
    assert len(ids) == len(set(ids)), "source ids repeat"
    srows.sort(key=lambda s: s["id"])
    write(os.path.join(out, "sources.csv"), scols, srows)
    for fid, why in left:
        print("left out %s: %s" % (fid, why))


if __name__ == "__main__":
    main()
