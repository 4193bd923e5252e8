"""A catalogue of one-change mistakes a hurried officer makes, over every worked example: each
row is (spec, what the paper says, what the officer typed instead, the rule that must refuse it).
Chosen from what a reviewer checks (amounts against the table, dates and terms against the
contract, years against the periods, codes against the paper's own number, approvers, routes),
not from what the checker happened to read."""

CATALOGUE = [
    # PCD 1843: two contract changes and two contributions
    ("1843", "title: GPS Acceptance of funds from MOJ", "title: GPS Acceptance of £390,000 from MOJ", "PCD202"),
    ("1843", "{contract.mopac_957.months:figures} from October 2025", "7 months from October 2025", "PCD503"),
    ("1843", "from October 2025 to March 2026", "from October 2025 to April 2026", "PCD502"),
    ("1843", "from October 2025 to March 2026", "from September 2025 to March 2026", "PCD502"),
    ("1843", "{contract.mopac_957.months} until {contract.mopac_957.new_end} to align",
     "{contract.mopac_957.months} until 31 March 2027 to align", "PCD502"),
    ("1843", "accept {funding.london_probation.mh_contribution} in funding",
     "accept £250,000 in funding", "PCD202"),
    ("1843", "accept {funder.hmpps} in funding from HMPPS", "accept £85,000 in funding from HMPPS", "PCD202"),
    ("1843", "detailed in PCD 1291 and PCD 1514.", "detailed in PCD 1291 and PCD 1854.", "PCD513"),
    ("1843", "the DMPC as per MOPAC's Scheme", "the CEO as per MOPAC's Scheme", "PCD514"),
    ("1843", "Approved Premises at a cost of {cost.mh_ap_variation}.",
     "Approved Premises at a cost of 80,000.", "PCD202"),
    ("1843", "label: IOM Mental Health existing service contribution",
     "label: IOM Mental Health existing service contribution (£250,000)", "PCD202"),
    ("1843", "name: MOPAC IOM 2025/26 budget", "name: MOPAC IOM 2025/26 budget (£183k)", "PCD202"),
    ("1843", "notes: [A DPIA has been completed.]", "notes: [A DPIA was completed for PCD 1901.]", "PCD513"),
    ("1843", "title: CJS 2025-2029 Commissioning Decision}", "title: CJS 2025-2029 Commissioning Decision (£2.6m)}",
     "PCD202"),
    ("1843", "extension until {contract.mopac_957.new_end:short}", "extension until 31/03/2027", "PCD502"),
    ("1843", "neurodiversity service, until {contract.mopac_957.new_end},",
     "neurodiversity service, until 30 September 2026,", "PCD502"),
    ("1843", "This decision will uplift", "PCD 1843 will uplift", "PCD507"),
    ("1843", "taking the value of\n    the contract to {contract.mopac_957.value_after}",
     "taking the value of\n    the contract to £1,080,833", "PCD202"),
    ("1843", "at a value of\n          {contract.mopac_957.change}", "at a value of\n          £237,497", "PCD202"),
    ("1843", "{cost.mh_ap_variation}. This will be funded by", "£8,000. This will be funded by", "PCD202"),
    # PCD 1405: a drawdown from three sources and a framework call-off
    ("1405", "for\n      {contract.gps.term}, until {contract.gps.ends}.",
     "for\n      {contract.gps.term}, until 31 March 2025.", "PCD502"),
    ("1405", "Approve procurement through the G-Cloud framework for",
     "Approve procurement through an open tender for", "PCD515"),
    ("1405", "name: 2023/24 budget approved by PCD 1065", "name: 2023/24 budget approved by PCD 1465", "PCD513"),
    ("1405", "approved_by: PCD 1280", "approved_by: PCD 1480", "PCD513"),
    ("1405", "The extension costs up to {total.costs}.", "The extension costs up to £1.35 million.", "PCD202"),
    ("1405", "the balance of {funder.cf_new} is", "the balance of £37k is", "PCD202"),
    ("1405", "{total.new_money} of it is new", "£370,000 of it is new", "PCD202"),
    ("1405", "framework for {contract.gps.term}, up to", "framework for two years, up to", "PCD503"),
    ("1405", "label: GPS tagging service (G-Cloud call-off, {contract.gps.duration:months})",
     "label: GPS tagging service (G-Cloud call-off, 18 months)", "PCD503"),
    ("1405", "at a cost of up to {total.costs} for", "at a cost of up to £1,530,000 for", "PCD202"),
    ("1405", "the carry-forward of {funder.cf_new} to provide", "the carry-forward of £73,000 to provide",
     "PCD202"),
    # PCD 1560: a grant in two years to three boroughs
    ("1560", "{recipient.haringey} to Haringey", "£239,000 to Haringey", "PCD202"),
    ("1560", "on behalf of {count.recipients} boroughs", "on behalf of four boroughs", "PCD505"),
    ("1560", "The grant of {funder.home_office} comes", "The grant of £990,342.28 comes", "PCD202"),
    ("1560", "{funder.home_office.2023-24}\n    in {period.2023-24} and",
     "{funder.home_office.2023-24}\n    in 2023-24 and", "PCD501"),
    ("1560", "{funder.home_office.2024-25} in {period.2024-25}. All", "{funder.home_office.2024-25} in 2025/26. All",
     "PCD511"),
    ("1560", "(2023/24 and 2024/25)", "(2023/24 and 2025/26)", "PCD511"),
    ("1560", "label: Safer Streets grant to Lewisham", "label: Safer Streets grant to Lewisham (£520,992)",
     "PCD202"),
    # PCD 1633: an uplift of a framework contract
    ("1633", "{contract.nums.percent} of the value MOPAC approved", "23% of the value MOPAC approved", "PCD504"),
    ("1633", "The change is {contract.nums.percent} of the original value",
     "The change is 32.5% of the original value", "PCD504"),
    ("1633", "runs until {contract.nums.ends}, to", "runs until March 2025, to", "PCD502"),
    ("1633", "made up of the five amounts", "made up of the four amounts", "PCD505"),
    ("1633", "rise by {contract.nums.change:millions} from", "rise by £39.9m from", "PCD202"),
    ("1633", "up to {cost.body_armour:millions}, subject", "up to £9.5 million, subject", "PCD202"),
    ("1633", "needs approval by {contract.nums.route}.", "needs approval by the CEO.", "PCD514"),
    ("1633", "including up to {cost.jackets:millions} for new cold", "including up to £8.24 million for new cold",
     "PCD202"),
    # PCD 1830: a grant accepted, matched and awarded on over two years
    ("1830", "match funding of {funder.match} for Drive", "match funding of £368,213 for Drive", "PCD202"),
    ("1830", "for Drive delivery in {period.2025-26}.", "for Drive delivery in 2026/27.", "PCD511"),
    ("1830", "for both programmes in {period.2026-27}.", "for both programmes in 2025/26.", "PCD511"),
    ("1830", "less the {cost.management} MOPAC keeps", "less the £16,743 MOPAC keeps", "PCD202"),
    ("1830", "{total.kept} of the grant", "£16,473 of the grant", "PCD202"),
    ("1830", "In all {total.awarded} is awarded", "In all £4.66m is awarded", "PCD202"),
    ("1830", "up to {funder.home_office} from the Home Office", "up to {funder.home_office} from the MHCLG",
     "PCD509"),
    ("1830", "for Drive and CIFA in {period.2025-26}, including", "for Drive and CIFA in 2024/25, including",
     "PCD511"),
    # PCD 841: a direct award with options
    ("841", "under the TS2 framework, for {contract.sdim.term}.", "under the TS2 framework, for 2 + 1 + 1 years.",
     "PCD512"),
    ("841", "from\n      {contract.sdim.starts} for", "from\n      1 January 2021 for", "PCD502"),
    ("841", "awards an SDIM contract directly to", "awards an SDIM contract through an open competitive tender to",
     "PCD515"),
    ("841", "The initial term costs {contract.sdim.value};", "The initial term costs £5.5m;", "PCD202"),
    ("841", "{contract.sdim.starts} for {contract.sdim.term}, at", "{contract.sdim.starts} for three years, at",
     "PCD503"),
    ("841", "up to {contract.sdim.max_value} in all", "up to £12m in all", "PCD202"),
    ("841", "at {contract.sdim.value} for the initial term", "at £2.5m for the initial term", "PCD202"),
    # MD 2973: a GLA Mayoral Decision over two years, with a variation
    ("md2973", "of GLA budget in {period.2022-23}: insecure", "of GLA budget in 2023-24: insecure", "PCD511"),
    ("md2973", "in {period.2023-24} to continue them", "in 2024-25 to continue them", "PCD511"),
    ("md2973", "Migrant Londoners Hub ({cost.hub.2022-23})", "Migrant Londoners Hub (£103,000)", "PCD202"),
    ("md2973", "needs approval by {contract.coram.route}.", "needs approval by the Assistant Director.", "PCD514"),
    ("md2973", "Approve receipt of {funder.home_office} of Home Office grant",
     "Approve receipt of £145,000 of Home Office grant", "PCD202"),
    # Croydon 2025/054 (house style croydon): a borough's share of a four-borough procurement
    ("cmd2025-054", "Together they are estimated at\n    {figure.four_boroughs}",
     "Together they are estimated at\n    £1.5m", "PCD202"),
    ("cmd2025-054", "Croydon's share is\n    {contract.body_removals.max_value}.",
     "Croydon's share is\n    £498,000.", "PCD202"),
    ("cmd2025-054", "estimated at {cost.croydon_share}, met", "estimated at £489,000, met", "PCD202"),
    # Lancashire 2024/41 (house style lancashire): a contract award in pounds and pence
    ("dn2024-41", "Central Lancashire, for {cost.evaluation}.\n\nrecommendations",
     "Central Lancashire, for £59,729.71.\n\nrecommendations", "PCD202"),
    ("dn2024-41", "The contract is for {cost.evaluation}, met", "The contract is for £59,729, met", "PCD202"),
    # a sum typed in thousands or millions: the hint never offers a scheme threshold or a figure
    # merely within rounding of a coarser form
    ("1633", "A further {cost.contingency:millions} covers", "A further £500k covers", "PCD202"),
    ("1830", "MOPAC has been awarded {funder.home_office} in", "MOPAC has been awarded £2,740k in", "PCD202"),
    # the paper's own code mistyped where the text names it as this paper
    ("1633", "This paper asks for the value", "This paper, PCD 1663, asks for the value", "PCD507"),
    # the body named as giving an amount is the funder it comes from
    ("1843", "HMPPS have committed to providing {funder.hmpps}",
     "London Probation have committed to providing {funder.hmpps}", "PCD509"),
    ("1830", "Approve MOPAC match funding of {funder.match}", "Approve Home Office match funding of {funder.match}",
     "PCD509"),
    ("1843", "ref: PCD 1723", "ref: PCD 1843", "PCD507"),  # a background paper that is this paper
    ("1843", "Group on 28 April 2025", "Group on 28 April 2026", "PCD520"),  # a past event after the decision
    ("1830", "in section {para.arrangements}", "in section 2.2", "PCD506"),  # a typed section number
    # who is asked to decide is the decision maker
    ("md2973", "This decision asks the Mayor to approve", "This decision asks the Executive Director to approve",
     "PCD514"),
    # a post the house style does not list, asked to decide; an approver after "an", or before "may"
    ("dn2024-41", "This report asks the {dm.title} to award", "This report asks the Chief Constable to award",
     "PCD514"),
    ("md2973", "This decision asks the Mayor to approve",
     "This decision asks the Deputy Mayor for Communities and Social Justice to approve", "PCD514"),
    ("md2973", "variation needs approval by {contract.coram.route}.",
     "variation needs approval by an Assistant Director.", "PCD514"),
    ("841", "it needs approval by {contract.sdim.route}.", "it needs approval by the CEO.", "PCD514"),
    ("dn2024-41", "relating to contracts.\n",
     "relating to contracts. The Chief Executive may award it under the scheme of consent.\n", "PCD514"),
    # a claim that the paper's own figure is above or below an amount
    ("dn2024-41", "relating to contracts.\n",
     "relating to contracts. As the value is below £50,000, it is under the Chief Executive's limit.\n",
     "PCD522"),
    # an amount spread over a time the contract does not run
    ("cmd2025-054", "{figure.four_boroughs} over {contract.body_removals.term};",
     "{figure.four_boroughs} over four years;", "PCD503"),
    # a grant named as another body's than the funder's
    ("1560", "Accept both tranches of the Home Office's Safer Streets grant",
     "Accept both tranches of the Ministry of Justice's Safer Streets grant", "PCD509"),
    ("1560", "The grant is {funder.home_office}:", "The Ministry of Justice grant is {funder.home_office}:",
     "PCD509"),
    ("dn2024-41", "met from the {funder.commissioning.name}.", "met from the Home Office's domestic abuse grant.",
     "PCD509"),
    # the route of the paper's one procurement, named in a sentence that does not name it
    ("1405", "The service will be called off the G-Cloud framework",
     "The service will be bought through an open tender", "PCD515"),
    ("841", "competition. Its maximum value",
     "competition. A call-off following a further competition gives continuity. Its maximum value", "PCD515"),
    # the boroughs counted by their projects
    ("1560", "put forward three borough projects", "put forward four borough projects", "PCD505"),
    # a code that asks is this paper; the style's own series
    ("dn2024-41", "This report asks the", "Decision 2024/14 asks the", "PCD507"),
    ("cmd2025-054", "This report asks the", "This report, CMD 2025/045, asks the", "PCD507"),
    # one recipient's amount given to another by name
    ("1560", "{recipient.haringey} to Haringey and", "{recipient.haringey} to Croydon and", "PCD509"),
    # no money, where the table has some
    ("1633", "BAU spending now runs", "There are no financial implications. BAU spending now runs", "PCD523"),
    ("1405", "The extension costs up to {total.costs}.",
     "The extension costs up to {total.costs}, and no new money is committed.", "PCD523"),
    # a supplier named by a slip of its name, or another body named as the supplier
    ("841", "contract to {contract.sdim.supplier} from", "contract to Capgemini UK plc from", "PCD524"),
    ("841", "directly to\n    {contract.sdim.supplier} under", "directly to\n    Atos IT Services Ltd under", "PCD524"),
    ("dn2024-41", "Law and Policing, University of Central Lancashire, for",
     "Law and Policing, Lancaster University, for", "PCD524"),
    # the term of the contract named by its service; no money claimed where there is some
    ("dn2024-41", "An independent evaluation of the model", "A 24-month independent evaluation of the model",
     "PCD503"),
    ("1633", "      table: finance\n    - >-\n      The uplift is met",
     "      table: finance\n    - There are no financial implications arising from this decision.\n    - >-\n"
     "      The uplift is met", "PCD523"),
    # a contract named by its service, in a sentence that names another
    ("1843", "extend the IOM mental health Service to March 2026", "extend the IOM mental health Service to March 2027",
     "PCD502"),
    ("1843", "the neurodiversity service is set to expire in September 2025",
     "the neurodiversity service is set to expire in October 2025", "PCD502"),
    # an amount the sentence says is the paper's new money, or what it grants on
    ("1405", "{total.new_money} of it is new", "£160,000 of it is new", "PCD202"),
    ("1830", "In all {total.awarded} is awarded", "In all £4,671,475 is awarded", "PCD202"),
    # a date that does not exist; this paper's own code with two digits swapped; a bare yearly code
    ("1843", "set to expire in September 2025", "set to expire on 31 September 2025", "PCD526"),
    ("841", "This decision awards an SDIM contract", "PCD 814 awards an SDIM contract", "PCD507"),
    ("cmd2025-054", "This report asks the", "This report (2025/045) asks the", "PCD507"),
    # the paper's figure said to be under an amount; a supplier's name slipped; own money claimed none
    ("md2973", "The Coram variation continues", "The Coram variation, at under £50,000, continues", "PCD522"),
    ("md2973", "Approve a variation of {contract.coram.supplier}'s contract",
     "Approve a variation of Coram Children's Law Centre's contract", "PCD524"),
    ("1830", "Formally award {total.awarded}", "Formally award £4,671,475", "PCD202"),
    # an amount said to be carried forward that is another source's
    ("1830", "of which {funder.drive_cf} is carried forward", "of which {funder.mopac_2026} is carried forward",
     "PCD509"),
    # a count with its list beside it
    ("1830", "for two programmes, the Drive", "for three programmes, the Drive", "PCD505"),
    # an amount said to be another funder's money: "{funding.x} of <another funder's> income"
    ("1843", "{funding.london_probation.nds_extension} of the London Probation income",
     "{funding.mopac_iom.nds_extension} of the London Probation income", "PCD509"),
    ("md2973", "receive and spend {funder.home_office} of Home Office grant", "receive and spend "
     "{funder.gla} of Home Office grant", "PCD509"),
    # money said to be kept, or said not to be new, where the table says otherwise
    ("1560", "MOPAC keeps none of it.", "MOPAC retains 2% of it for administration.", "PCD523"),
    ("1405", "{total.new_money} of it is new in\n      this decision", "none of the money is new in\n      this decision",
     "PCD523"),
    # a ground of regulation 72 the change does not rely on; a foreseen option said unforeseen
    ("1633", "within what regulation 72 of\n      the PCR 2015 allows", "within what Regulation 72(1)(c) of\n"
     "      the PCR 2015 allows", "PCD529"),
    ("1843", "as it was provided for in the initial\n      procurement documents",
     "as it was not foreseen in the initial\n      procurement documents", "PCD529"),
    # a cost line's amount followed by words naming another line only
    ("1830", "including up to {cost.management} towards MOPAC's", "including up to {cost.delivery} towards MOPAC's",
     "PCD528"),
    ("md2973", "Approve receipt of {funder.home_office} of Home Office grant for the LSMP",
     "Approve receipt of {funder.home_office} of Home Office grant for migrant exploitation work", "PCD528"),
    # a share of the money for one line, of the wrong size
    ("1830", "including up to {cost.management} towards MOPAC's", "including up to 1.5% of the funding towards MOPAC's",
     "PCD504"),
    # a funder's approval named as another paper than the one its approved_by records
    ("1405", "is a carry-forward approved in\n    {funder.cf_2022.approved_by}", "is a carry-forward approved in\n"
     "    PCD 1065", "PCD513"),
    # a share in words or figures of the wrong size: of a contract's change, of what a recipient gets
    ("1633", "The change is {contract.nums.percent} of the original value", "The change is about a fifth of the "
     "original value", "PCD504"),
    ("1560", "{recipient.croydon} to Croydon", "roughly 40% of the grant to Croydon", "PCD504"),
    # a budget named with another year than its funder's name holds
    ("1843", "{funding.mopac_iom.nds_extension} of the 2025/26 IOM budget",
     "{funding.mopac_iom.nds_extension} of the 2026/27 IOM budget", "PCD509"),
    ("1830", "including up to {cost.management} towards MOPAC's", "including the 3% MOPAC retains towards its",
     "PCD504"),
    # a regulation other than 72 cited as allowing a change to a contract
    ("1843", "permissible under Regulation 72(1)(b) of the PCR 2015", "permissible under Regulation 32(2)(b) of the "
     "PCR 2015", "PCD529"),
    # a framework named after "called off the"
    ("1405", "The service will be called off the G-Cloud framework", "The service will be called off the "
     "Crown Commercial Service Technology Services 2 framework", "PCD515"),
    # a body named as paying in a period where its funders give nothing
    ("1830", "In\n      {period.2026-27} MOPAC funds both programmes itself", "In\n      {period.2026-27} the Home Office "
     "funds both programmes", "PCD509"),
    # an amount said to be given, after a comma, by a body that is another funder's
    ("1843", "{funding.mopac_iom.nds_extension}, will be\n      provided by MOPAC.",
     "{funding.mopac_iom.nds_extension}, will be\n      provided by HMPPS.", "PCD509"),
    # "over the N years" where the paper's periods are another number of years
    ("md2973", "Spending in {period.2023-24} is subject", "Spending over the three years is subject", "PCD503"),
    # an approver by the shorter form of its title
    ("841", "it needs approval by {contract.sdim.route}.", "it needs approval by the Chief Executive.", "PCD514"),
    # a call-off under another framework than the award's
    ("1405", "Approve procurement through the G-Cloud framework", "Approve procurement through the TS2 framework",
     "PCD515"),
    # one period's part of an amount: in a sentence about the other period, or called the whole
    ("md2973", "insecure\n      immigration status ({cost.insecure_status.2022-23})",
     "insecure\n      immigration status ({cost.insecure_status.2023-24})", "PCD528"),
    ("1560", "The grant of {funder.home_office} comes", "The grant of {funder.home_office.2024-25} in total comes",
     "PCD528"),
]

# Sentences officers write, in their own phrasing, that state nothing the model contradicts:
# (spec, a paragraph the sentence follows, the sentence). None may give a finding.
REAL_PHRASINGS = [
    # a threshold quoted from the scheme of delegation, and the author's own approximations
    ("1843", "Under the scheme, contract changes of £500,000 or more are reserved to the DMPC."),
    ("md2973", "Any spending above £150,000 would need a Mayoral Decision."),
    ("md2973", "The Mayor is asked to note how the service will report."),
    ("1843", "The Board was told on 3 March 2025 that the service would continue."),
    ("1843", "The Board will be updated in September 2025, once the extension has begun."),
    ("1830", "Under paragraph 4.13 of the Scheme of Delegation the DMPC may approve grants."),
    ("1843", "As recommendation 3 of the 2022 review proposed, the service reaches Approved Premises."),
    ("1843", "London Probation will commission the service paid for by {funder.hmpps}."),
    ("1843", "MOPAC will pass {funder.hmpps} on to London Probation's providers."),
    ("1560", "Together the two grants come to just under £1 million over the two years."),
    ("1830", "Over both years MOPAC's own contribution comes to just under £2 million."),
    ("1843", "{contract.mopac_957} was let for an initial term of three years, with an option to extend "
     "by one year; either party may end it on four months' notice."),
    ("1843", "Variations over 10% of the original value need the DMPC's approval under the scheme."),
    ("1843", "The evaluation will report within 12-24 months of the service starting."),
    ("1843", "The original award of {contract.mopac_957} was approved in PCD 1514."),
    ("1843", "The extension of {contract.mopac_957} runs from October 2025 to March 2026, after which "
     "the service ends."),
    ("1843", "{contract.mopac_957} is currently due to end in September 2025."),
    ("1843", "Modifications under Regulation 72 are limited to 50% of the original contract value."),
    ("1405", "The pilots were first approved for a two-year period and are reviewed every six weeks."),
    ("1405", "The stalking cohort will be reviewed after nine months of tagging, and the pilots "
     "evaluated over 18 months."),
    ("1560", "Each borough reports quarterly; the first report is due three months after signature."),
    ("1633", "The uplift takes the contract above the 25% threshold at which the Commercial Assurance "
     "Group must review a change."),
    ("841", "{contract.sdim} has an initial term of {contract.sdim.duration} with options to extend by a "
     "further two years and one year, a 2 + 2 + 1 year structure."),
    ("841", "The supplier must give six months' notice before exit, and a break clause applies after "
     "18 months."),
    ("841", "The service was let for {contract.sdim.duration} at first, with further extension options "
     "of 2 and 1 years; the supplier is given three months' notice before an option is taken."),
    ("1843", "The extension of {contract.mopac_957} covers the period commencing start of October 2025 "
     "to end of March 2026."),
    ("1633", "As an uplift of {contract.nums}, the change exceeds the 10% threshold for review by the "
     "Commercial Assurance Group."),
    ("1830", "Funding for 2027/28 onwards will be sought in a future decision."),
    ("1405", "The knife crime pilot has run since 2019 under contracts first let in 2019/20."),
    ("md2973", "Legal advice on the exemption was sought from the legal team in March 2023."),
    ("1830", "Awards above 25% of a partner's annual income need a separate funding agreement, "
     "reviewed every six months."),
    # a claim the paper's figures bear out; a post asked only to note; a general delegation
    ("dn2024-41", "As the value is above £50,000, the decision is the Commissioner's."),
    ("dn2024-41", "The Chief Constable is asked to note the evaluation's timetable."),
    ("dn2024-41", "Contracts below £50,000 may be awarded by the Chief Executive."),
    ("cmd2025-054", "Across the four boroughs the service costs {figure.four_boroughs} over five years."),
    ("1560", "The Ministry of Justice's own grants to probation are not part of this decision."),
    ("md2973", "Any future variation below £50,000 could be approved by an Assistant Director."),
    # a scheme's band and a statute's limit; a route weighed and not taken
    ("1843", "Changes from £50,000 to £499,999 are for the CEO under the scheme."),
    ("1633", "The change is within the 50% limit in regulation 72(1)(b)."),
    ("841", "The framework's terms allow a direct award without a further competition."),
    ("1405", "Rather than an open tender, the service will be called off a framework."),
    ("dn2024-41", "It follows Decision Notice 2024/32 on the domestic abuse strategy."),
    # no money of a kind the paper has none of; none for someone else
    ("1560", "No new money is needed from MOPAC, which keeps none of the grant."),
    ("1843", "There are no financial implications for HMPPS beyond its contribution."),
    # bodies the paper does not hold, named for what they are
    ("dn2024-41", "Lancaster University's earlier study of risk conferences informed the model."),
    ("1830", "The Drive Project is also supported by the Barrow Cadbury Trust and the Tudor Trust."),
    # a time that is no term
    ("dn2024-41", "The evaluation is expected to report within 12 months of the award."),
    # an average of an earlier figure; a service's history
    ("1843", "Over those three years MOPAC's funding averaged £700,000 a year."),
    ("1843", "Mental health support for people on probation has been commissioned since April 2021."),
    # no money for someone else; a centre within the supplier; a later code told as future
    ("1830", "The decision has no financial implications for the boroughs."),
    ("dn2024-41", "The Connect Centre will run the evaluation for the University."),
    # true sentences a review of this stop's rules found refused, each now passing
    ("1633", "Personal data is handled under the General Data Protection Regulation 2016/679."),
    ("1633", "The change is allowed under the Public Contracts Regulation 2015."),
    ("md2973", "The Hub's grant agreement is awarded under regulation 33 of the PCR 2015."),
    ("md2973", "The Coram variation's business case was signed off by the Chief Digital Officer."),
    ("1830", "Publication of the Home Office's perpetrator strategy has been delayed, so the programmes "
     "follow the 2024 guidance."),
    ("1830", "The Ministry of Justice has deferred publication of its evaluation of perpetrator programmes."),
    ("1843", "Where publication is deferred, the reason is recorded in Part 1."),
    ("1830", "The provider's confidential report on incidents is shared with MOPAC monthly."),
    ("1830", "The Domestic Homicide Review's restricted report informed the programme design."),
    ("1830", "Referrals to Drive have doubled in the three years since the service began in London."),
    ("841", "The award lets the MPS spread the cost of change over six years."),
    ("1830", "In {period.2026-27}, unless the Home Office funds the programmes again, MOPAC pays for both."),
    ("1830", "Delivery costs fall from {cost.delivery.2025-26} in {period.2025-26} to {cost.delivery.2026-27} "
     "the year after."),
    ("1830", "The {funding.drive_cf.delivery.2026-27} was unspent in {period.2025-26} and is carried forward."),
    ("1830", "Delivery in {period.2025-26} totals {cost.delivery.2025-26}."),
    ("1830", "MOPAC keeps {cost.management} for overseeing the Drive and CIFA grants."),
    ("1830", "MOPAC keeps {cost.management} on top of the Drive and CIFA delivery costs."),
    ("1830", "The Home Office retains 5% of the national fund for its evaluation."),
    ("1830", "MOPAC retains 10% of each grant payment until the partners' annual report is received."),
    ("1843", "London Probation retains 10% of its budget for evaluation."),
    ("1843", "London Probation meets half of the cost of the mental health service."),
    ("1843", "Under the London IOM Framework, offenders managed by IOM teams may be tagged."),
    ("1405", "Evidence from the Ministry of Justice Electronic Monitoring Framework shows that tagging helps."),
    ("841", "It is called off under the RM3804 framework."),
    ("1633", "A record of the change is kept under regulation 84 of the PCR 2015."),
    ("1843", "The rise in demand for the neurodiversity service was unforeseen, which is why the option is used."),
    ("1405", "The budget of {funder.prior} and the carry-forward of {funder.cf_2022} were approved in PCD 1065 "
     "and PCD 1280 respectively."),
]
