"""Render the career map: one self-contained HTML page (no scripts, every text escaped) and its Markdown twin."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from kg.core.errors import OutputError
from kg.core.io import atomic_write
from kg.outputs.render import fill_template, page_head, template
from kg.outputs.report import LEAD, TITLE, CareerMap, Ref, Section

REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&])")


def _h_refs(refs: tuple[Ref, ...], css: str = "refs") -> str:
    """Entities as an inline list, each with its aside and links to its notes."""
    items = "".join(
        f"<li>{escape(r.label)}" + (f'<span class="aside">（{escape(r.aside)}）</span>' if r.aside else "")
        + ("<sup>" + ",".join(f'<a href="#n{n}">{n}</a>' for n in r.notes) + "</sup>" if r.notes else "") + "</li>"
        for r in refs)
    return f'<ul class="{css}">{items}</ul>' if items else '<span class="none">—</span>'


def _h_section(s: Section) -> str:
    """One section as HTML."""
    out = [f'<section id="{s.anchor}"><h3>{escape(s.heading)}</h3>']
    out += [f'<p class="subtitle">{escape(s.subtitle)}</p>'] if s.subtitle else []
    if s.columns:
        head = "".join(f"<th>{escape(c)}</th>" for c in s.columns)
        body = "".join("<tr>" + "".join(f"<td>{_h_refs(cell)}</td>" for cell in row) + "</tr>" for row in s.rows)
        out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    if s.fields:
        items = "".join(f"<dt>{escape(name)}</dt><dd>{_h_refs(refs)}</dd>" for name, refs in s.fields)
        out.append(f"<dl>{items}</dl>")
    out += [f'<p class="chain">{_h_refs(chain, "refs arrows")}</p>' for chain in s.chains]
    if s.notes:
        out.append('<ol class="notes">' + "".join(
            f'<li id="n{n.number}" value="{n.number}"><q>{escape(n.sentence)}</q> <cite>《{escape(n.title)}》</cite>'
            + (f' <span class="where">{escape(n.section)}</span>' if n.section else "") + "</li>" for n in s.notes)
            + "</ol>")
    return "\n".join(out) + "</section>"


def render_report_html(report: CareerMap) -> str:
    """The report as one self-contained HTML page: no scripts, no outside resources, every text escaped."""
    toc = "".join(f'<li><a href="#{anchor}">{escape(heading)}</a></li>' for anchor, heading, _, _ in report.chapters())
    rows = "".join("<tr><td>" + (f'<a href="{escape(url)}" rel="noreferrer noopener">{escape(title)}</a>' if url
                                 else escape(title)) + f"</td><td>{escape(author)}</td><td>{escape(date)}</td></tr>"
                   for title, author, date, url in report.articles)
    counts = " · ".join(f"{n} {unit}" for unit, n in report.counts)
    body = [(f'<header><h1>{escape(TITLE)}</h1><p class="lead">{escape(LEAD)}</p><nav><ol>{toc}</ol></nav>'
            f'<h2>来源文章</h2><table class="articles"><thead><tr><th>标题</th><th>作者</th><th>日期</th></tr></thead>'
            f'<tbody>{rows}</tbody></table><p class="counts">图谱规模：{counts}</p></header>')]
    body += [f'<section class="chapter" id="{anchor}"><h2>{escape(heading)}</h2><p class="intro">{escape(intro)}</p>\n'
             + "\n".join(map(_h_section, sections)) + "</section>"
             for anchor, heading, intro, sections in report.chapters()]
    head = page_head(escape(TITLE), REPORT_CSP, [template("report.css")], no_referrer=True)
    return fill_template("report.html", {"head": head, "body": "\n".join(body)})


def md_text(text: str) -> str:
    """Text safe in a Markdown line or table cell: whitespace collapsed, Markdown and HTML syntax escaped."""
    return MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _m_refs(refs: tuple[Ref, ...], joiner: str = "、") -> str:
    """Entities inline, each with its aside and footnote references."""
    return joiner.join(md_text(r.label) + (f"（{md_text(r.aside)}）" if r.aside else "")
                       + "".join(f"[^{n}]" for n in r.notes) for r in refs) or "—"


def _m_section(s: Section) -> list[str]:
    """One section as Markdown lines."""
    out = [f"### {md_text(s.heading)}", ""] + ([md_text(s.subtitle), ""] if s.subtitle else [])
    if s.columns:
        out += ["| " + " | ".join(map(md_text, s.columns)) + " |", "|" + " --- |" * len(s.columns)]
        out += ["| " + " | ".join(map(_m_refs, row)) + " |" for row in s.rows] + [""]
    out += [f"- **{md_text(name)}**：{_m_refs(refs)}" for name, refs in s.fields]
    out += [f"- {_m_refs(chain, ' → ')}" for chain in s.chains]
    return out + [""] + [f"[^{n.number}]: “{md_text(n.sentence)}” ——《{md_text(n.title)}》"
                         + (f"，{md_text(n.section)}" if n.section else "") for n in s.notes] + [""]


def render_report_markdown(report: CareerMap) -> str:
    """The report as GitHub-flavoured Markdown (footnotes carry the evidence), every text escaped."""
    out = [f"# {TITLE}", "", LEAD, "", "## 来源文章", "", "| 标题 | 作者 | 日期 |", "| --- | --- | --- |"]
    out += [f"| {f'[{md_text(title)}]({url})' if url else md_text(title)} | {md_text(author)} | {md_text(date)} |"
            for title, author, date, url in report.articles]
    out += ["", "图谱规模：" + " · ".join(f"{n} {unit}" for unit, n in report.counts), ""]
    for _, heading, intro, sections in report.chapters():
        out += [f"## {md_text(heading)}", "", md_text(intro), ""] + [line for s in sections for line in _m_section(s)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"


def write_report(report: CareerMap, out: Path) -> tuple[Path, Path]:
    """Write the HTML page to `out` and its Markdown twin beside it (same name, .md); return both paths."""
    out = Path(out)
    if out.suffix.lower() in {".md", ".markdown"}:
        raise OutputError("--out names the HTML file; the Markdown twin is written beside it", where=str(out),
                          fix="pass a .html path such as output/report.html")
    atomic_write(out, render_report_html(report).encode("utf-8"))
    atomic_write(out.with_suffix(".md"), render_report_markdown(report).encode("utf-8"))
    return out, out.with_suffix(".md")
