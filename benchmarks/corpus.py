"""A deterministic corpus of realistic articles: seed paragraphs recombined, with lexicon names swapped in."""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from kg.core.config import PROJECT_ROOT, Settings
from kg.ingest.articles import ingest
from kg.core.ontology import load_ontology


def paragraphs() -> list[str]:
    """Body paragraphs of the seed articles (furniture already removed by ingest)."""
    documents = ingest([PROJECT_ROOT / "seeds"], Settings()).documents
    found = []
    for doc in documents:
        lines = [s.text for s in doc.sentences if not s.is_heading]
        found.extend("".join(lines[i:i + 4]) for i in range(0, len(lines), 4))
    return found


def generate(out: Path, megabytes: float, seed: int = 7) -> list[Path]:
    """Write articles totalling about `megabytes` MB of UTF-8 text into `out`; same seed, same files."""
    rnd = random.Random(seed)
    pool = paragraphs()
    names = sorted(e.label for e in load_ontology(PROJECT_ROOT / "ontology").entries if e.cls in ("Product", "Role"))
    out.mkdir(parents=True, exist_ok=True)
    written, total, index = [], 0, 0
    while total < megabytes * 1_000_000:
        body = [f"# 生成文章 {index}：{rnd.choice(names)}与{rnd.choice(names)}", ""]
        for section in range(rnd.randint(3, 6)):
            body += [f"## {section + 1}. {rnd.choice(names)}", ""]
            body += [rnd.choice(pool) for _ in range(rnd.randint(3, 8))]
            body += [f"了解并使用过{rnd.choice(names)}、{rnd.choice(names)} 等工具。", ""]
        path = out / f"article_{index:05d}.md"
        text = "\n\n".join(body) + "\n"
        path.write_text(text, encoding="utf-8")
        written.append(path)
        total += len(text.encode("utf-8"))
        index += 1
    return written


def main() -> None:
    """Command line: python benchmarks/corpus.py OUT --mb 10."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--mb", type=float, default=10.0)
    args = parser.parse_args()
    files = generate(args.out, args.mb)
    print(f"{len(files)} articles, {sum(f.stat().st_size for f in files) / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
