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
  const state = { articles: false, hidden: new Set() };
  const overview = data.overview ? new Set(data.overview) : null;
  const loaded = new Set(data.nodes.filter((n) => !overview || overview.has(n.id) || n.cls === "Article").map((n) => n.id));
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

  // ------------------------------------------------------------ visibility and drawing
  function nodeVisible(n) {
    return !state.hidden.has(n.cls) && (state.articles || n.cls !== "Article");
  }
  function edgeVisible(e) {
    const ends = nodeVisible(nodesById.get(e.from)) && nodeVisible(nodesById.get(e.to));
    return ends && (state.articles || e.predicate !== "mentions");
  }
  const nodeItem = (n) => ({
    id: n.id, label: short(n.label), title: n.label + "（" + classLabel(n.cls) + "）",
    color: n.color, size: n.size, shape: n.cls === "Article" ? "square" : "dot",
  });
  const edgeItem = (e) => ({ id: e.id, from: e.from, to: e.to, label: e.label, title: e.label });
  const nodes = new vis.DataSet(data.nodes.filter((n) => loaded.has(n.id)).map(nodeItem));
  const edges = new vis.DataSet(data.edges.filter((e) => loaded.has(e.from) && loaded.has(e.to)).map(edgeItem));
  const nodeView = new vis.DataView(nodes, { filter: (item) => nodeVisible(nodesById.get(item.id)) });
  const edgeView = new vis.DataView(edges, { filter: (item) => edgeVisible(edgesById.get(item.id)) });
  const network = new vis.Network(document.getElementById("kg-graph"), { nodes: nodeView, edges: edgeView }, {
    layout: { randomSeed: 7, improvedLayout: false },
    nodes: { borderWidth: 1, font: { face: FONT, size: 14, strokeWidth: 3, strokeColor: "#ffffff" } },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.5 } },
      color: { color: "#a0a7b1", highlight: "#1f2937", hover: "#4b5563" },
      font: { face: FONT, size: 10, color: "#4b5563", strokeWidth: 3, align: "middle" },
      smooth: { enabled: true, type: "continuous", roundness: 0.3 },
    },
    physics: {
      solver: "barnesHut",
      barnesHut: { gravitationalConstant: -6000, centralGravity: 0.3, springLength: 130, springConstant: 0.03, damping: 0.25, avoidOverlap: 0.2 },
      stabilization: { enabled: true, iterations: overview ? 200 : 300, updateInterval: 25, fit: true },
      minVelocity: 1,
    },
    interaction: { hover: true, tooltipDelay: 200, hideEdgesOnDrag: true },
  });

  function showStats() {
    const count = String(nodeView.length);
    document.body.dataset.kgNodes = count;
    document.getElementById("kg-stats").textContent = count + " 个节点 · " + edgeView.length + " 条关系";
  }
  function showNote() {
    if (!overview) return;
    const shown = [...loaded].filter((id) => nodesById.get(id).cls !== "Article").length;
    const count = (n) => n.toLocaleString("en-US");
    document.getElementById("kg-note").textContent = "概览：显示 " + count(shown) + " / " + count(entityTotal) + " 个实体 — 搜索或双击节点展开";
  }
  function settled() {
    network.setOptions({ physics: { enabled: false } });
    showStats();
    document.body.dataset.kgReady = "1";
  }
  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    showStats();
    network.setOptions({ physics: { enabled: true } });
    network.stabilize(150);
  }
  network.on("stabilizationIterationsDone", settled);
  showNote();
  if (nodeView.length === 0) settled();

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
  }

  // ------------------------------------------------------------ overview: load nodes on demand
  function load(ids, near) {
    const fresh = [...new Set(ids)].filter((id) => !loaded.has(id));
    if (!fresh.length) return false;
    fresh.forEach((id) => loaded.add(id));
    const origin = near && nodes.get(near) ? network.getPosition(near) : null;
    nodes.add(fresh.map((id, i) => {
      const item = nodeItem(nodesById.get(id));
      if (!origin) return item;
      const angle = (2 * Math.PI * i) / fresh.length;
      return Object.assign(item, { x: origin.x + 150 * Math.cos(angle), y: origin.y + 150 * Math.sin(angle) });
    }));
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
    showNode(id);
  }

  function reveal(n) {
    if (load([n.id])) refresh();
    if (nodeVisible(n)) return;
    if (n.cls === "Article") {
      state.articles = true;
      document.getElementById("kg-articles").checked = true;
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
    const relations = here.filter((e) => e.predicate !== "mentions");
    panel.dataset.selected = id;
    panel.replaceChildren(el("h2", n.label), el("p", [classLabel(n.cls), SCHEMES[n.scheme]].filter(Boolean).join(" · ") + " · 度 " + n.degree, "meta"));
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
