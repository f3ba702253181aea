"""Words broken across two lines on a rendered page (import wordbreaks).

A word is a run of letters and digits. It is broken when its rendered boxes lie on more than
one line. A break is avoidable when the word, laid out whole, would fit the width of the page's text
column: only strings longer than the screen is wide (addresses, digests) may break.
"""

from __future__ import annotations

import typing as t

BROKEN_WORDS_JS = r"""
() => {
  const root = document.querySelector("article") || document.body;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const found = [];
  const word = /[\p{L}\p{N}]+/gu;
  const room = root.clientWidth;
  let node;
  while ((node = walker.nextNode())) {
    const parent = node.parentElement;
    if (!parent || !parent.offsetParent || parent.closest(".aims-visually-hidden, .md-search, script, style")) continue;
    for (const match of node.textContent.matchAll(word)) {
      if (match[0].length < 2) continue;
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
      if (rects.length < 2) continue;
      const tops = new Set(rects.map(r => Math.round(r.top)));
      if (tops.size < 2) continue;
      const width = rects.reduce((sum, r) => sum + r.width, 0);
      found.push({word: match[0], avoidable: width <= room + 1});
    }
  }
  return found;
}
"""


def broken_words(page: t.Any) -> list[dict[str, t.Any]]:
    """Each word of the page's article drawn on two lines: ``{"word": ..., "avoidable": bool}``."""
    return page.evaluate(BROKEN_WORDS_JS)
