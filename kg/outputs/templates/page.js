// kg page: draws the embedded graph with vis-network; every data string reaches the DOM as text only.
(function () {
  "use strict";
  const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  const SCHEMES = { Lexicon: "词表实体", Discovered: "抽取发现" };
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const styles = new Map(data.styles.map((s) => [s.name, s]));
  const nodesById = new Map(data.nodes.map((n) => [n.id, n]));
  const edgesById = new Map(data.edges.map((e) => [e.id, e]));
  const incident = new Map(data.nodes.map((n) => [n.id, []]));
  data.edges.forEach((e) => {
    incident.get(e.from).push(e);
    if (e.to !== e.from) incident.get(e.to).push(e);
  });
  const state = { articles: false, isolated: false, hidden: new Set() };
  function isMetadata(n) {
    return n.cls === "Article" || Boolean(n.author);
  }
  function isIsolated(n) {
    return !isMetadata(n) && n.degree === 0;
  }
  const overview = data.overview ? new Set(data.overview) : null;
  const loaded = new Set(data.nodes.filter((n) => !overview || overview.has(n.id) || isMetadata(n)).map((n) => n.id));
  const entityTotal = data.nodes.filter((n) => n.cls !== "Article").length;
  const panel = document.getElementById("kg-panel");

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  const classLabel = (name) => (styles.has(name) ? styles.get(name).label_zh : name);
  const short = (text) => (text.length > 18 ? text.slice(0, 17) + "…" : text);
  const norm = (text) => text.normalize("NFKC").toLowerCase().trim();
  const degreeText = (degree) => "关系数 " + degree + "（与其他实体，不含文章提及）";

  // ------------------------------------------------------------ visibility and drawing
  // A node is hidden through its `hidden` flag (one DataSet update per change, so one redraw); vis-network then
  // hides every edge with a hidden end, articles' mentions included. The page opens on the story: entities with
  // relations; articles and their authors (metadata) and entities without a relation wait behind their toggles.
  function nodeVisible(n) {
    if (state.hidden.has(n.cls)) return false;
    return isMetadata(n) ? state.articles : n.degree > 0 || state.isolated;
  }
  const nodeItem = (n) => ({
    id: n.id, label: short(n.label), title: n.label + "（" + classLabel(n.cls) + "）",
    color: n.color, size: n.size, shape: n.cls === "Article" ? "square" : "dot", hidden: !nodeVisible(n),
  });
  const edgeItem = (e) => ({ id: e.id, from: e.from, to: e.to, label: e.label, title: e.label });

  // ------------------------------------------------------------ layout, computed before drawing
  // A force-directed layout run to completion before vis-network draws (its own physics stays off, so nothing
  // moves once the page is ready): nodes start on a sunflower spiral in breadth-first order, so that neighbours
  // start close, then relax() settles them. Deterministic: the same data always gives the same picture.
  const SPACING = 90; // typical distance between neighbouring nodes
  const COMMUNITY_PULL = 0.5; // strength of the pull towards the centre of one's community, against a link's 1
  const LABEL_PX = 15, MAX_LABELS = 40, LABEL_THRESHOLD = 8; // on-screen pixels of the labels drawn at the opening zoom
  const positions = new Map(); // id → {x, y} of every loaded node, kept while it is hidden
  const spiral = (i) => {
    const r = 0.8 * SPACING * Math.sqrt(i), a = 2.399963229728653 * i;
    return { x: r * Math.cos(a), y: r * Math.sin(a) };
  };
  function breadthFirst(n, adjacent, degree) {
    const byDegree = [...Array(n).keys()].sort((a, b) => degree[b] - degree[a] || a - b);
    const seen = new Uint8Array(n), order = [];
    byDegree.forEach((root) => {
      if (seen[root]) return;
      seen[root] = 1;
      for (let head = order.push(root) - 1; head < order.length; head++) {
        adjacent[order[head]].filter((j) => !seen[j]).sort((a, b) => degree[b] - degree[a] || a - b)
          .forEach((j) => { seen[j] = 1; order.push(j); });
      }
    });
    return order;
  }
  function pullTogether(x, y, dx, dy, groups) {
    // each node drawn towards the centre of its community (groups[i], -1 for none), so communities stay apart
    const sums = new Map();
    groups.forEach((g, i) => {
      if (g < 0) return;
      const sum = sums.get(g) || { x: 0, y: 0, n: 0 };
      sum.x += x[i]; sum.y += y[i]; sum.n += 1;
      sums.set(g, sum);
    });
    groups.forEach((g, i) => {
      if (g < 0) return;
      const sum = sums.get(g);
      dx[i] -= COMMUNITY_PULL * (x[i] - sum.x / sum.n);
      dy[i] -= COMMUNITY_PULL * (y[i] - sum.y / sum.n);
    });
  }
  function relax(x, y, links, steps, heat, groups) {
    // ForceAtlas2-like: node mass = degree + 1; repulsion k²·mᵢ·mⱼ/d (Barnes–Hut, θ = 1.2, so O(n log n) a step),
    // attraction d along links, linear gravity that holds a disk; a node moves force / mass, at most `limit`,
    // which cools linearly over the steps.
    const n = x.length, k2 = (SPACING * SPACING) / 4, theta2 = 1.44;
    const mass = new Float64Array(n).fill(1);
    links.forEach((i) => { mass[i] += 1; });
    const gravity = (n + links.length) / (2.56 * n);
    const dx = new Float64Array(n), dy = new Float64Array(n), stack = new Int32Array(256);
    const bodies = Int32Array.from({ length: n }, (_, i) => i), spare = new Int32Array(n);
    // the quadtree, rebuilt each step: per cell its mass, centre of mass, size², bodies[from, to) and 4 child slots
    const cm = [], cx = [], cy = [], size2 = [], from = [], to = [], kid = [], children = [];
    function build(start, end, left, top, size) {
      const c = cm.length;
      let m = 0, sx = 0, sy = 0;
      for (let k = start; k < end; k++) {
        const i = bodies[k];
        m += mass[i];
        sx += mass[i] * x[i];
        sy += mass[i] * y[i];
      }
      cm.push(m); cx.push(sx / m); cy.push(sy / m); size2.push(size * size); from.push(start); to.push(end); kid.push(-1);
      if (end - start <= 6 || size < 1) return c;
      const half = size / 2, quad = (i) => (x[i] < left + half ? 0 : 1) + (y[i] < top + half ? 0 : 2);
      const ends = [start, start, start, start];
      for (let k = start; k < end; k++) for (let q = quad(bodies[k]) + 1; q < 4; q++) ends[q]++;
      const next = ends.slice();
      for (let k = start; k < end; k++) spare[next[quad(bodies[k])]++] = bodies[k];
      bodies.set(spare.subarray(start, end), start);
      kid[c] = children.length;
      children.push(-1, -1, -1, -1);
      for (let q = 0; q < 4; q++) {
        if (next[q] > ends[q]) children[kid[c] + q] = build(ends[q], next[q], left + (q & 1) * half, top + (q >> 1) * half, half);
      }
      return c;
    }
    for (let step = 0; step < steps; step++) {
      let left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
      for (let i = 0; i < n; i++) {
        left = Math.min(left, x[i]); right = Math.max(right, x[i]);
        top = Math.min(top, y[i]); bottom = Math.max(bottom, y[i]);
      }
      for (const list of [cm, cx, cy, size2, from, to, kid, children]) list.length = 0;
      build(0, n, left, top, Math.max(right - left, bottom - top) + 1);
      for (let i = 0; i < n; i++) {
        let fx = -gravity * x[i], fy = -gravity * y[i], depth = 1;
        stack[0] = 0;
        while (depth) {
          const c = stack[--depth], ex = x[i] - cx[c], ey = y[i] - cy[c], d2 = ex * ex + ey * ey;
          if (size2[c] < theta2 * d2) {
            const f = (k2 * cm[c]) / d2;
            fx += ex * f;
            fy += ey * f;
          } else if (kid[c] >= 0) {
            for (let q = kid[c]; q < kid[c] + 4; q++) if (children[q] >= 0) stack[depth++] = children[q];
          } else {
            for (let k = from[c]; k < to[c]; k++) {
              const j = bodies[k], gx = x[i] - x[j], gy = y[i] - y[j], f = (k2 * mass[j]) / (gx * gx + gy * gy + 1);
              fx += gx * f;
              fy += gy * f;
            }
          }
        }
        dx[i] = fx;
        dy[i] = fy;
      }
      for (let m = 0; m < links.length; m += 2) {
        const a = links[m], b = links[m + 1], ex = x[a] - x[b], ey = y[a] - y[b];
        dx[a] -= ex / mass[a]; dy[a] -= ey / mass[a]; dx[b] += ex / mass[b]; dy[b] += ey / mass[b];
      }
      pullTogether(x, y, dx, dy, groups);
      const limit = heat * (1 - step / steps) + 1;
      for (let i = 0; i < n; i++) {
        const len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]), scale = len > limit ? limit / len : 1;
        x[i] += dx[i] * scale;
        y[i] += dy[i] * scale;
      }
    }
  }
  function arrange(ids) {
    const n = ids.length, at = new Map(ids.map((id, i) => [id, i]));
    const adjacent = ids.map(() => []), links = [];
    ids.forEach((id, i) => incident.get(id).forEach((e) => {
      const j = at.get(e.from === id ? e.to : e.from);
      if (j === undefined || j === i) return;
      adjacent[i].push(j);
      if (j > i) links.push(i, j);
    }));
    const x = new Float64Array(n), y = new Float64Array(n);
    const warm = ids.some((id) => positions.has(id));
    if (warm) {
      ids.forEach((id, i) => {
        const known = positions.get(id) || centroid(adjacent[i].map((j) => positions.get(ids[j])).filter(Boolean), i + n);
        x[i] = known.x;
        y[i] = known.y;
      });
    } else {
      seedByCommunity(ids, breadthFirst(n, adjacent, adjacent.map((list) => list.length)), x, y);
    }
    const groups = Int32Array.from(ids, (id) => (nodesById.get(id).community ?? -1));
    relax(x, y, links, warm ? 80 : 100, warm ? SPACING : 3 * SPACING, groups);
    ids.forEach((id, i) => positions.set(id, { x: Math.round(x[i]), y: Math.round(y[i]) }));
  }
  function seedByCommunity(ids, order, x, y) {
    // Each community (numbered by size in the page data; a node without one is a community of its own) starts on
    // its own small sunflower, the communities' centres on a big one, largest in the middle: the clusters show.
    const groups = new Map();
    order.forEach((i) => {
      const community = nodesById.get(ids[i]).community;
      const key = community === undefined ? "solo" + i : community;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(i);
    });
    let placed = 0;
    [...groups.values()].sort((a, b) => b.length - a.length || a[0] - b[0]).forEach((members, g) => {
      const r = 1.1 * SPACING * Math.sqrt(placed + members.length / 2), a = 2.399963229728653 * g;
      members.forEach((i, slot) => {
        const p = spiral(slot);
        x[i] = r * Math.cos(a) + p.x;
        y[i] = r * Math.sin(a) + p.y;
      });
      placed += members.length;
    });
  }
  function centroid(points, slot) {
    const p = spiral(slot);
    if (!points.length) return p;
    const mean = (key) => points.reduce((sum, q) => sum + q[key], 0) / points.length;
    return { x: mean("x") + p.x / Math.sqrt(slot), y: mean("y") + p.y / Math.sqrt(slot) };
  }
  const visibleIds = () => data.nodes.filter((n) => loaded.has(n.id) && nodeVisible(n)).map((n) => n.id);
  arrange(visibleIds());

  const placed = (item) => Object.assign(item, positions.get(item.id));
  const nodes = new vis.DataSet(data.nodes.filter((n) => loaded.has(n.id)).map((n) => placed(nodeItem(n))));
  const edges = new vis.DataSet(data.edges.filter((e) => loaded.has(e.from) && loaded.has(e.to)).map(edgeItem));
  const network = new vis.Network(document.getElementById("kg-graph"), { nodes, edges }, {
{{ network_options }}
    physics: { enabled: false },
    interaction: { hover: true, tooltipDelay: 200, hideEdgesOnDrag: true },
  });
  network.setOptions({
    nodes: { scaling: { label: { drawThreshold: LABEL_THRESHOLD, maxVisible: 2 * LABEL_PX } } },
    edges: { scaling: { label: { drawThreshold: LABEL_THRESHOLD } } },
  });

  // ------------------------------------------------------------ labels readable at the opening zoom
  // Once the view is fitted, the most connected visible entities get labels LABEL_PX high on screen, the most
  // connected first, each skipped if it would overlap one already placed; the other labels appear on zooming in
  // (vis-network does not draw a label smaller than LABEL_THRESHOLD pixels).
  let labelled = [];
  const byImportance = (a, b) => b.degree - a.degree || (a.label < b.label ? -1 : a.label > b.label ? 1 : a.id < b.id ? -1 : 1);
  const textWidth = (text, px) => [...text].reduce((w, ch) => w + (ch.codePointAt(0) > 0x2e80 ? px : 0.6 * px), 0);
  const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  function labelBox(n, scale) {
    const p = network.canvasToDOM(positions.get(n.id)), half = textWidth(short(n.label), LABEL_PX) / 2 + 3;
    const top = p.y + n.size * scale;
    return { left: p.x - half, right: p.x + half, top, bottom: top + 1.4 * LABEL_PX };
  }
  function labelImportant() {
    const scale = network.getScale(), boxes = [];
    nodes.update(labelled.map((id) => ({ id, font: { size: 14 } })));
    labelled = [];
    visibleIds().map((id) => nodesById.get(id)).filter((n) => !isMetadata(n) && n.degree > 0).sort(byImportance)
      .forEach((n) => {
        const box = labelBox(n, scale);
        if (labelled.length >= MAX_LABELS || boxes.some((other) => overlaps(box, other))) return;
        boxes.push(box);
        labelled.push(n.id);
      });
    const size = Math.max(14, LABEL_PX / scale);
    nodes.update(labelled.map((id) => ({ id, font: { size, color: "#111827" } })));
    document.body.dataset.kgLabels = labelled.map((id) => nodesById.get(id).label).join("\n");
  }

  function showStats(ids) {
    const shown = new Set(ids);
    const links = ids.reduce((sum, id) => sum + incident.get(id).filter((e) => e.from === id && shown.has(e.to)).length, 0);
    document.body.dataset.kgNodes = String(ids.length);
    document.getElementById("kg-stats").textContent = ids.length + " 个节点 · " + links + " 条关系";
  }
  function showNote() {
    if (!overview) return;
    const shown = [...loaded].filter((id) => nodesById.get(id).cls !== "Article").length;
    const count = (n) => n.toLocaleString("en-US");
    document.getElementById("kg-note").textContent = "概览：显示 " + count(shown) + " / " + count(entityTotal) + " 个实体 — 搜索或双击节点展开";
  }
  function refresh() {
    Object.entries(network.getPositions([...positions.keys()])).forEach(([id, p]) => positions.set(id, p)); // drags
    const ids = visibleIds(), shown = new Set(ids);
    arrange(ids);
    nodes.update([...loaded].map((id) => (shown.has(id) ? { id, hidden: false, ...positions.get(id) } : { id, hidden: true })));
    network.fit();
    labelImportant();
    showStats(ids);
  }
  network.once("afterDrawing", () => {
    showStats(visibleIds());
    document.body.dataset.kgReady = "1";
  });
  network.fit();
  labelImportant();
  showNote();

  // ------------------------------------------------------------ legend and filters
  function buildLegend() {
    const counts = new Map();
    data.nodes.forEach((n) => counts.set(n.cls, (counts.get(n.cls) || 0) + 1));
    const list = document.getElementById("kg-classes");
    data.styles.filter((s) => s.name !== "Article").forEach((s) => {
      const box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.dataset.cls = s.name;
      box.addEventListener("change", () => {
        if (box.checked) state.hidden.delete(s.name); else state.hidden.add(s.name);
        refresh();
      });
      const swatch = el("span", undefined, "swatch");
      swatch.style.background = s.colour;
      const label = el("label");
      label.append(box, swatch, el("span", s.label_zh), el("span", s.label_en, "cls-en"), el("span", String(counts.get(s.name) || 0), "count"));
      const item = el("li");
      item.append(label);
      list.append(item);
    });
    if (styles.has("Article")) document.getElementById("kg-article-swatch").style.background = styles.get("Article").colour;
    document.getElementById("kg-articles").addEventListener("change", (event) => {
      state.articles = event.target.checked;
      refresh();
    });
    const isolated = data.nodes.filter(isIsolated);
    document.getElementById("kg-isolated-count").textContent = "（" + isolated.length + "）";
    document.getElementById("kg-isolated").addEventListener("change", (event) => {
      state.isolated = event.target.checked;
      if (state.isolated) load(isolated.map((n) => n.id));
      refresh();
    });
  }

  // ------------------------------------------------------------ overview: load nodes on demand
  function load(ids, near) {
    const fresh = [...new Set(ids)].filter((id) => !loaded.has(id));
    if (!fresh.length) return false;
    const origin = near && nodes.get(near) ? network.getPosition(near) : null;
    fresh.forEach((id, i) => {
      loaded.add(id);
      const angle = (2 * Math.PI * i) / fresh.length;
      if (origin) positions.set(id, { x: origin.x + 150 * Math.cos(angle), y: origin.y + 150 * Math.sin(angle) });
    });
    nodes.add(fresh.map((id) => placed(nodeItem(nodesById.get(id)))));
    const added = new Map();
    fresh.forEach((id) => incident.get(id).forEach((e) => {
      if (loaded.has(e.from) && loaded.has(e.to)) added.set(e.id, edgeItem(e));
    }));
    edges.add([...added.values()]);
    showNote();
    return true;
  }
  const neighbours = (id) => incident.get(id).map((e) => (e.from === id ? e.to : e.from));
  const unloaded = (id) => neighbours(id).filter((other) => !loaded.has(other)).length;
  function expand(id) {
    if (load(neighbours(id), id)) refresh();
    select(id);
  }

  function reveal(n) {
    if (load([n.id])) refresh();
    if (nodeVisible(n)) return;
    if (isMetadata(n)) {
      state.articles = true;
      document.getElementById("kg-articles").checked = true;
    } else if (isIsolated(n)) {
      state.isolated = true;
      document.getElementById("kg-isolated").checked = true;
    }
    state.hidden.delete(n.cls);
    document.querySelectorAll("#kg-classes input").forEach((box) => { if (box.dataset.cls === n.cls) box.checked = true; });
    refresh();
  }

  // ------------------------------------------------------------ side panel
  function nodeButton(id) {
    const button = el("button", nodesById.get(id).label, "link");
    button.type = "button";
    button.addEventListener("click", () => select(id));
    return button;
  }
  function section(title, ...children) {
    const box = el("section");
    box.append(el("h3", title), ...children);
    return box;
  }
  function evidenceList(e) {
    const list = el("ul", undefined, "evidence");
    e.evidence.forEach((ev) => {
      const item = el("li");
      const where = ["《" + (ev.title || "无标题") + "》", ev.section, ev.rule].filter(Boolean).join(" · ");
      item.append(el("blockquote", ev.sentence), el("p", where, "meta"));
      list.append(item);
    });
    if (e.evidence_total > e.evidence.length) list.append(el("li", "仅显示前 " + e.evidence.length + " 条，全部证据见 graph.ttl", "hint"));
    return list;
  }
  function triple(e, selfId) {
    const line = el("div", undefined, "triple");
    const end = (id) => (id === selfId ? el("span", nodesById.get(id).label, "self") : nodeButton(id));
    line.append(end(e.from), el("span", e.label, "rel"), end(e.to));
    return line;
  }
  function collapsed(summary, child) {
    const box = el("details");
    box.append(el("summary", summary), child);
    return box;
  }
  function edgeItems(list, selfId, open) {
    const items = el("ul");
    list.forEach((e) => {
      const item = el("li");
      const evidence = evidenceList(e);
      const head = open ? triple(e, selfId) : nodeButton(e.from === selfId ? e.to : e.from);
      item.append(head, open ? evidence : collapsed("证据 " + e.evidence_total + " 条", evidence));
      items.append(item);
    });
    return items;
  }
  function showHint() {
    delete panel.dataset.selected;
    panel.replaceChildren(el("h2", "详情"), el("p", "搜索或点击一个节点、一条关系，这里会显示它的别名、来源文章和证据句。", "hint"));
  }
  function showNode(id) {
    const n = nodesById.get(id);
    const here = incident.get(id);
    const mentions = here.filter((e) => e.predicate === "mentions");
    const authorship = here.filter((e) => e.predicate === "hasAuthor");
    const relations = here.filter((e) => e.predicate !== "mentions" && e.predicate !== "hasAuthor");
    panel.dataset.selected = id;
    panel.replaceChildren(el("h2", n.label), el("p", [classLabel(n.cls), SCHEMES[n.scheme], n.cls === "Article" ? "" : degreeText(n.degree)].filter(Boolean).join(" · "), "meta"));
    const more = overview ? unloaded(id) : 0;
    if (more) {
      const button = el("button", "展开 " + more + " 个相邻节点", "link");
      button.type = "button";
      button.id = "kg-expand";
      button.addEventListener("click", () => expand(id));
      panel.append(button);
    }
    if (n.aliases.length) {
      const chips = el("div");
      n.aliases.forEach((a) => chips.append(el("span", a, "chip")));
      panel.append(section("别名", chips));
    }
    if (n.cls === "Article") {
      panel.append(section("提及的实体（" + mentions.length + "）", edgeItems(mentions, id, false)));
    } else if (mentions.length) {
      panel.append(section("提及它的文章（" + mentions.length + "）", edgeItems(mentions, id, false)));
    }
    if (authorship.length) {
      const heading = n.cls === "Article" ? "作者" : "撰写的文章（" + authorship.length + "）";
      panel.append(section(heading, edgeItems(authorship, id, false)));
    }
    if (relations.length) panel.append(section("关系（" + relations.length + "）", edgeItems(relations, id, true)));
  }
  function showEdge(id) {
    const e = edgesById.get(id);
    panel.dataset.selected = id;
    panel.replaceChildren(el("h2", e.label), triple(e, null), section("证据（" + e.evidence_total + "）", evidenceList(e)));
  }
  function select(id) {
    reveal(nodesById.get(id));
    network.selectNodes([id]);
    network.focus(id, { scale: 1.3, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showNode(id);
  }
  network.on("doubleClick", (params) => { if (params.nodes.length) expand(params.nodes[0]); });
  network.on("click", (params) => {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else showHint();
  });

  // ------------------------------------------------------------ search
  const index = data.nodes.map((n) => ({ node: n, keys: [n.label, n.title].concat(n.aliases).filter(Boolean).map(norm) }));
  function rank(keys, query) {
    if (keys.includes(query)) return 0;
    if (keys.some((k) => k.startsWith(query))) return 1;
    return keys.some((k) => k.includes(query)) ? 2 : 3;
  }
  function search(text) {
    const query = norm(text);
    if (!query) return [];
    return index
      .map((entry) => ({ node: entry.node, score: rank(entry.keys, query) }))
      .filter((hit) => hit.score < 3)
      .sort((a, b) => a.score - b.score || b.node.degree - a.node.degree || a.node.label.localeCompare(b.node.label))
      .slice(0, 20)
      .map((hit) => hit.node);
  }
  const input = document.getElementById("kg-search");
  const results = document.getElementById("kg-results");
  function choose(id) {
    results.replaceChildren();
    select(id);
  }
  input.addEventListener("input", () => {
    results.replaceChildren(...search(input.value).map((n) => {
      const button = el("button");
      button.type = "button";
      const swatch = el("span", undefined, "swatch");
      swatch.style.background = n.color;
      button.append(swatch, el("span", n.label), el("span", classLabel(n.cls), "meta"));
      button.addEventListener("click", () => choose(n.id));
      const item = el("li");
      item.append(button);
      return item;
    }));
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") results.replaceChildren();
    if (event.key !== "Enter") return;
    const hits = search(input.value);
    if (hits.length) choose(hits[0].id);
  });

  buildLegend();
  showHint();
})();
