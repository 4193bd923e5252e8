"""Decision papers as people make them in Word, built with python-docx for the import tests.

`word_1843` follows the published PCD 1843 (its funding table does not add up: MOPAC 173,487
against a total of 553,497), written the way the original was: bold paragraphs instead of
heading styles, numbers typed as text, Word list numbering, empty paragraphs for spacing, tabs,
a merged header cell, "£" and thousands separators in cells, totals rows.
"""

from __future__ import annotations

import io

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

SUMMARY = [
    "Integrated Offender Management (IOM) is the national multi-agency partnership that manages "
    "the most persistent, repeat offenders.",
    "This decision will extend the Neurodiversity service by six months. The cost of the "
    "extension of the Neurodiversity contract is £273,497, taking the value of the contract to "
    "£1,070,833.",
    "This decision also seeks approval to accept up to £80,000 funding from His Majesty's Prison "
    "and Probation Service (HMPPS) for the expansion of the mental health service.",
]
RECOMMENDATIONS = [
    "Approve the acceptance of up to £200,000 funding from London Probation to fund the IOM "
    "mental health service during 2025/26.",
    "Approve the acceptance of up to £100,000 funding from London Probation to support the "
    "extension of the IOM neurodiversity service.",
    "To approve the acceptance of up to £80,000 funding from HMPPS, for the expansion of the IOM "
    "mental health service.",
    "Approve the extension of the neurodiversity service via a contract extension letter at a "
    "total cost of £273,497",
    "Approve the variation of the IOM mental health contract, to include the extra funding of "
    "£80,000.",
]
SECTIONS = [
    ("Introduction and background", [
        "IOM manages the most persistent, repeat offenders in London.",
        "MOPAC committed funding totalling £2.1m over the three-year period 2022/23 to 2024/25.",
    ]),
    ("Issues for consideration", [
        "This decision seeks approval to accept £200,000 in funding from London Probation.",
    ]),
    ("Financial Comments", [
        "This decision is seeking approval to accept £380,000 from London Probation.",
        "The extensions, contributions and variations are set out in the table below along with "
        "the funding:",
    ]),
    ("Legal Comments", [
        "MOPAC's general powers are set out in the Police Reform and Social Responsibility Act "
        "2011.",
        "",  # the published paper's empty paragraph 4.4
    ]),
    ("Commercial Issues", [
        "This Decision requests approval to:",
    ]),
    ("Public Health Approach", ["The services are consistent with a public health approach."]),
    ("GDPR and Data Privacy", ["MOPAC are a joint data controller with HMPPS.", "",
                              "All providers are required to comply with the GDPR."]),
    ("Equality Comments", ["MOPAC is required to comply with the public sector equality duty."]),
]
BULLETS = [
    "Extend MOPAC's existing contract with Third Sector Consortia Management LLP (MOPAC 957) "
    "for the provision of IOM Neurodiversity services at a value of £273,497, utilising an "
    "extension option included within the original procurement.",
    "Vary MOPAC's existing contract with Together for Mental Well-being Ltd. (MOPAC 889) for "
    "provision of Mental Health services to increase the value by £80,000. The original awarded "
    "value of the contract was £2,000,523 which will increase to £2,080,523 should the "
    "variation be approved.",
]
TABLE = [
    ("Service", "£"),
    ("IOM Neurodiversity– extension until 31/03/2026", "273,497"),
    ("IOM Mental Health existing service contribution", "£200,000"),
    ("IOM Mental Health - Approved premises variation", "80,000"),
    ("Total", "553,497"),
    ("Funded by:", ""),
    ("London Probation", "380,000"),
    ("MOPAC IOM 2025/26 budget", "173,487"),
    ("Total funding", "553,497"),
]
DECLARATIONS = [
    ("Financial Advice:", "The Strategic Finance and Resource Management Team has been consulted "
     "on this proposal."),
    ("Legal Advice:", "Legal advice is not required."),
    ("Equalities Advice:", "Equality and diversity issues are covered in the body of the report."),
    ("Public Health Approach", "Due diligence has been given."),
    ("Commercial Issues", "The Contract Management Team has been consulted."),
    ("GDPR/Data Privacy", ""),  # its statement and a note are bullets in the cell
    ("Drafting Officer", "Julian Jest has drafted this report in accordance with MOPAC "
     "procedures."),
    ("Director/Head of Service:", "The Head of Service has reviewed the request."),
]


def bold(doc, text: str):
    p = doc.add_paragraph()
    p.add_run(text).bold = True
    return p


def numbered(par, num_id: str = "5", level: str = "0") -> None:
    """Word list numbering (w:numPr), as a list button in Word makes it (in python-docx's
    default template, numbering 1-4 are bullets and 5-9 decimal)."""
    num_pr = OxmlElement("w:numPr")
    ilvl, nid = OxmlElement("w:ilvl"), OxmlElement("w:numId")
    ilvl.set(qn("w:val"), level)
    nid.set(qn("w:val"), num_id)
    num_pr.append(ilvl)
    num_pr.append(nid)
    par._p.get_or_add_pPr().append(num_pr)


def word_1843(reference_in_body: bool = True) -> Document:
    doc = Document()
    if reference_in_body:
        bold(doc, "DMPC Decision – PCD 1843")
    doc.sections[0].header.paragraphs[0].text = "PCD 1843"
    doc.add_paragraph()
    bold(doc, "Title: GPS Acceptance of funds from MOJ for IOM Services")
    bold(doc, "Executive Summary:")
    for text in SUMMARY:
        doc.add_paragraph(text)
        doc.add_paragraph("")  # spacing the way people make it
    bold(doc, "Recommendation:")
    doc.add_paragraph(" ")
    doc.add_paragraph("The Deputy Mayor for Policing and Crime is recommended to:")
    for text in RECOMMENDATIONS:
        numbered(doc.add_paragraph(text))
    bold(doc, "Deputy Mayor for Policing and Crime")
    doc.add_paragraph("I confirm I have considered whether or not I have any personal or "
                      "prejudicial interest in this matter and take the proposed decision in "
                      "compliance with the Code of Conduct. Any such interests are recorded below.")
    doc.add_paragraph("The above request has my approval.")
    bold(doc, "Date 04/06/2025")
    bold(doc, "Signature")
    bold(doc, "PART I - NON-CONFIDENTIAL FACTS AND ADVICE TO THE DMPC")
    for n, (title, paras) in enumerate(SECTIONS, 1):
        bold(doc, f"{n}. {title}")
        for m, text in enumerate(paras, 1):
            if title.startswith("GDPR"):  # this section numbered by Word, not typed
                numbered(doc.add_paragraph(text))
            else:
                doc.add_paragraph(f"{n}.{m}.\t{text}")
        if title == "Financial Comments":
            finance_table(doc)
            doc.add_paragraph(f"{n}.{len(paras) + 1}.\tPayments will be made in line with "
                              "current arrangements.")
        if title == "Commercial Issues":
            for text in BULLETS:
                doc.add_paragraph(f"•\t{text}")
    bold(doc, "9. Background/supporting papers")
    doc.add_paragraph("Appendix 1 PCD 1291 – Integrated Offender Management (IOM) co-commissioned "
                      "services")
    bold(doc, "Public access to information")
    doc.add_paragraph("Is the publication of Part 1 of this approval to be deferred? No")
    doc.add_paragraph("If yes, for what reason:")
    doc.add_paragraph("Until what date: n/a")
    p = doc.add_paragraph("Is there a ")
    p.add_run("Part 2").bold = True
    p.add_run(" form – No")
    table = doc.add_table(rows=len(DECLARATIONS) + 1, cols=2)
    table.cell(0, 0).text = "ORIGINATING OFFICER DECLARATION"
    table.cell(0, 1).text = "Tick to confirm statement (✓)"
    for i, (title, text) in enumerate(DECLARATIONS, 1):
        par = table.cell(i, 0).paragraphs[0]
        par.add_run(title).bold = True
        par.add_run(" " + text if text else "")
        table.cell(i, 1).text = "✓"
        if not text:
            for bullet in ("GDPR compliance issues are covered in the body of the report and the "
                           "GDPR Project Manager has been consulted on the GDPR issues within this "
                           "report.", "A DPIA has been completed"):
                numbered(table.cell(i, 0).add_paragraph(bullet), num_id="1")
    bold(doc, "Chief Executive Officer")
    doc.add_paragraph("I have been consulted about the proposal.")
    p = doc.add_paragraph()
    p.add_run("Date").bold = True
    p.add_run(" 02/06/2025")
    return doc


def finance_table(doc) -> None:
    table = doc.add_table(rows=len(TABLE), cols=3)
    for i, (label, amount) in enumerate(TABLE):
        table.cell(i, 0).text = label
        table.cell(i, 2).text = amount
        if label.startswith("Funded by"):
            table.cell(i, 0).merge(table.cell(i, 2))  # a merged cell across the row
            table.cell(i, 0).text = label
        else:
            table.cell(i, 0).merge(table.cell(i, 1))  # labels span two grid columns


def docx_bytes(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def boxed(doc):
    """The same paper with its front page in a one-cell box, and its title and public-access
    answers in two-column "question | answer" tables, as many templates lay them out."""
    body = doc.element.body
    paras = list(body.iterchildren(qn("w:p")))

    def text_of(p) -> str:
        return "".join(t.text or "" for t in p.iter(qn("w:t")))

    first = next(i for i, p in enumerate(paras) if "Executive Summary" in text_of(p))
    last = next(i for i, p in enumerate(paras) if "The above request" in text_of(p))
    box = doc.add_table(rows=1, cols=1)
    cell = box.cell(0, 0)._tc
    paras[first].addprevious(box._tbl)
    for p in paras[first:last + 1]:
        cell.append(p)
    cell.remove(cell.find(qn("w:p")))  # the empty paragraph a new cell starts with
    cell.append(OxmlElement("w:p"))   # a cell must end with a paragraph
    for p in paras:
        text = text_of(p)
        if text.startswith(("Title:", "Is the publication", "Until what date")):
            question, _, answer = text.partition(":" if text.startswith(("Title", "Until")) else "?")
            grid = doc.add_table(rows=1, cols=2)
            grid.cell(0, 0).text = question + (":" if text.startswith(("Title", "Until")) else "?")
            grid.cell(0, 1).text = answer.strip()
            p.addprevious(grid._tbl)
            body.remove(p)
    return doc


# A grant paper of the Violence Reduction Unit, written the way such papers are: the paper's own
# declaration texts (shorter than the house style's), the signature and its date on one line,
# money quoted "from" the funder that gives it, "None." under background papers. Its finance
# table is laid out in one of the ways officers lay it out (see `vru_paper`).
VRU_COSTS = [("Community programme grants", "180,000"), ("Independent evaluation", "70,000")]
VRU_FUNDERS = [("MOPAC Violence Reduction budget", "100,000"), ("London Councils", "150,000")]
VRU_DECLARATIONS = [
    ("Financial Advice:", ["The Strategic Finance and Resource Management Team has been "
                           "consulted on this proposal."]),
    ("Legal Advice:", ["Legal advice is not required."]),
    ("Equalities Advice:", ["Equality and diversity issues are covered in the body of the "
                            "report."]),
    # The house style goes on: "This has been reviewed and supported by a senior manager
    # within the VRU." This paper does not say so.
    ("Public Health Approach", ["Due diligence has been given to determine whether the "
                                "programme sits within the Violence Reduction Unit's public "
                                "approach to reducing violence."]),
    ("Commercial Issues", ["Commercial issues are not applicable."]),
    # The house style adds "and the GDPR Project Manager has been consulted …".
    ("GDPR/Data Privacy", ["GDPR compliance issues are covered in the body of the report.",
                           "A DPIA is not required."]),
    ("Drafting Officer:", ["Priya Shah has drafted this report in accordance with MOPAC "
                           "procedures."]),
    ("Director/Head of Service:", ["The Head of Service has reviewed the request and is "
                                   "satisfied it is correct and consistent with the MOPAC's "
                                   "plans and priorities."]),
]


def vru_paper(finance: str = "two_tables", signature: str = "same_line") -> Document:
    """`finance`: "two_tables" (costs, a "Funded by:" paragraph, funders), "single" (one table),
    "no_pounds" (one table, no £ anywhere in it: the header says "Amount"), "awards" (a table
    of awards with no "Funded by": not a finance table). `signature`: "same_line" ("Signature
    Date 04/06/2025" typed on one line), "next_cell" (a row "Signature | Date | 04/06/2025"),
    "next_row" (a row "Signature | Date" and the date in the cell below)."""
    doc = Document()
    bold(doc, "DMPC Decision – PCD 1902")
    bold(doc, "Title: Community violence reduction programme 2025/26")
    bold(doc, "Executive Summary:")
    doc.add_paragraph("The Violence Reduction Unit (VRU) funds community programmes that "
                      "prevent violence affecting young people.")
    doc.add_paragraph("This decision approves £100,000 from the MOPAC Violence Reduction budget "
                      "and the acceptance of £150,000 from London Councils for the programme.")
    bold(doc, "Recommendation:")
    doc.add_paragraph("The Deputy Mayor for Policing and Crime is recommended to:")
    numbered(doc.add_paragraph("Approve expenditure of £100,000 from the MOPAC Violence "
                               "Reduction budget for the community programme."))
    numbered(doc.add_paragraph("Approve the acceptance of £150,000 from London Councils for the "
                               "community programme."))
    bold(doc, "Deputy Mayor for Policing and Crime")
    doc.add_paragraph("The above request has my approval.")
    _signature(doc, signature, "04/06/2025")
    bold(doc, "PART I - NON-CONFIDENTIAL FACTS AND ADVICE TO THE DMPC")
    bold(doc, "1. Introduction and background")
    doc.add_paragraph("1.1.\tThe VRU has funded community programmes since 2019.")
    bold(doc, "2. Issues for consideration")
    doc.add_paragraph("2.1.\tThe programme runs for the financial year 2025/26.")
    bold(doc, "3. Financial Comments")
    doc.add_paragraph("3.1.\tThe programme costs £250,000: £100,000 from the MOPAC Violence "
                      "Reduction budget and £150,000 from London Councils.")
    if finance == "awards":
        doc.add_paragraph("3.2.\tThe grants awarded last year were £50,000 each:")
        _table(doc, [("Organisation", "Award"), ("Youth Action", "£50,000"),
                     ("Safer Streets Trust", "£50,000")])
        doc.add_paragraph("3.3.\tEach organisation may receive up to £50,000 again.")
    else:
        doc.add_paragraph("3.2.\tThe costs and funding are set out below:")
        pound = "" if finance == "no_pounds" else "£"
        costs = [("Cost", "Amount" if finance == "no_pounds" else "£"),
                 *[(label, pound + amount) for label, amount in VRU_COSTS], ("Total", "250,000")]
        funders = [*VRU_FUNDERS, ("Total funding", "250,000")]
        if finance == "two_tables":
            _table(doc, costs)
            bold(doc, "Funded by:")
            _table(doc, funders)
        else:
            _table(doc, [*costs, ("Funded by:", ""), *funders])
    bold(doc, "4. Legal Comments")
    doc.add_paragraph("4.1.\tLegal advice is not required.")
    bold(doc, "5. Commercial Issues")
    doc.add_paragraph("5.1.\tCommercial issues are not applicable.")
    bold(doc, "6. Public Health Approach")
    doc.add_paragraph("6.1.\tThe programme follows a public health approach.")
    bold(doc, "7. GDPR and Data Privacy")
    doc.add_paragraph("7.1.\tNo personal data is shared with MOPAC.")
    bold(doc, "8. Equality Comments")
    doc.add_paragraph("8.1.\tThe programme serves young people across London.")
    bold(doc, "9. Background/supporting papers")
    doc.add_paragraph("None.")
    bold(doc, "Public access to information")
    doc.add_paragraph("Is the publication of Part 1 of this approval to be deferred? No")
    doc.add_paragraph("Is there a Part 2 form – No")
    table = doc.add_table(rows=len(VRU_DECLARATIONS) + 1, cols=2)
    table.cell(0, 0).text = "ORIGINATING OFFICER DECLARATION"
    table.cell(0, 1).text = "Tick to confirm statement (✓)"
    for i, (title, paras) in enumerate(VRU_DECLARATIONS, 1):
        cell = table.cell(i, 0)
        cell.paragraphs[0].add_run(title).bold = True
        for text in paras:  # each statement in a paragraph of its own under the title
            cell.add_paragraph(text)
        table.cell(i, 1).text = "✓"
    bold(doc, "Chief Executive Officer")
    doc.add_paragraph("I have been consulted about the proposal.")
    _signature(doc, signature, "02/06/2025")
    return doc


def _signature(doc, layout: str, date: str) -> None:
    if layout == "same_line":
        doc.add_paragraph(f"Signature\t\t\t\tDate {date}")
    elif layout == "next_cell":
        _table(doc, [("Signature", "", "Date", date)])
    else:
        _table(doc, [("Signature", "Date"), ("", date)])


def _table(doc, rows) -> None:
    table = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
