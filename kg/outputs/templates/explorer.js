// kg serve explorer: asks the server's JSON API (same origin only) and draws with vis-network;
// every data string reaches the DOM as text only (textContent, never innerHTML).
(function () {
  "use strict";
  const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  const config = JSON.parse(document.getElementById("kg-config").textContent);
  const styles = new Map();    // class name -> {label_zh, colour, …}
  const entities = new Map();  // iri -> {iri, label, cls, degree, …}
  const expanded = new Map();  // iri -> /api/entity answer
  const edgeInfo = new Map();  // edge id -> edge with evidence
  const hidden = new Set();    // class names filtered out
  const panel = document.getElementById("kg-panel");
  let focus = null;

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function button(text, className, onClick) {
    const node = el("button", text, className);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }
  const classLabel = (name) => (styles.has(name) ? styles.get(name).label_zh : name);
  const colour = (name) => (styles.has(name) ? styles.get(name).colour : "#999999");
  const short = (text) => (text.length > 18 ? text.slice(0, 17) + "…" : text);
  const nodeSize = (degree) => Math.round((8 + 4 * Math.sqrt(degree)) * 10) / 10;

  async function getJSON(path, params) {
    const response = await fetch(path + "?" + new URLSearchParams(params || {}), { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error((await response.text()).trim() || response.statusText);
    return response.json();
  }
  function fail(error) {
    panel.replaceChildren(el("h2", "出错了"), el("p", String(error.message || error), "error"));
  }

  // ------------------------------------------------------------ the network
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const visible = (iri) => iri === focus || !entities.has(iri) || !hidden.has(entities.get(iri).cls);
  const nodeView = new vis.DataView(nodes, { filter: (item) => visible(item.id) });
  const edgeView = new vis.DataView(edges, { filter: (item) => visible(item.from) && visible(item.to) });
  const network = new vis.Network(document.getElementById("kg-graph"), { nodes: nodeView, edges: edgeView }, {
{{ network_options }}
    physics: {
      solver: "barnesHut",
      barnesHut: { gravitationalConstant: -5000, centralGravity: 0.25, springLength: 150, springConstant: 0.04, damping: 0.3, avoidOverlap: 0.3 },
      stabilization: { enabled: true, iterations: 200, updateInterval: 25, fit: true },
      minVelocity: 1,
    },
    interaction: { hover: true, tooltipDelay: 200 },
  });
  // the explorer draws dots, and edge labels a little larger than the page's, centred on their edge
  network.setOptions({ nodes: { shape: "dot" }, edges: { font: { size: 11, align: "middle" } } });
  network.on("stabilizationIterationsDone", () => {
    network.setOptions({ physics: { enabled: false } });
    document.body.dataset.kgSettled = "1";
  });
  window.kgNetwork = network;  // for the browser console and the browser tests

  function showStats() {
    document.body.dataset.kgNodes = String(nodeView.length);
    document.getElementById("kg-stats").textContent = nodeView.length + " 个节点 · " + edgeView.length + " 条关系";
  }
  function redraw() {
    delete document.body.dataset.kgSettled;
    nodeView.refresh();
    edgeView.refresh();
    showStats();
    network.setOptions({ physics: { enabled: true } });
    network.stabilize(150);
  }
  function putNode(n, near) {
    entities.set(n.iri, n);
    const item = {
      id: n.iri, label: short(n.label), title: n.label + "（" + classLabel(n.cls) + "）", color: colour(n.cls),
      size: nodeSize(n.degree), borderWidth: expanded.has(n.iri) ? 4 : 1,
    };
    if (!nodes.get(n.iri) && near) Object.assign(item, near);
    nodes.update(item);
  }
  async function expand(iri, fresh) {
    const data = expanded.get(iri) || await getJSON("/api/entity", { iri });
    expanded.set(iri, data);
    if (fresh) {
      nodes.clear();
      edges.clear();
    }
    const near = nodes.get(iri) ? network.getPosition(iri) : null;
    putNode(data.node, null);
    data.neighbours.forEach((n) => putNode(n, near));
    data.edges.forEach((e) => {
      edgeInfo.set(e.id, e);
      edges.update({ id: e.id, from: e.from, to: e.to, label: e.label, title: e.label });
    });
    focus = iri;
    redraw();
    network.selectNodes([iri]);
    showNode(iri);
  }
  function select(iri, fresh) {
    showTab("graph");
    expand(iri, fresh).catch(fail);
  }
  network.on("click", (params) => {
    if (params.nodes.length) select(params.nodes[0], false);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  // ------------------------------------------------------------ class filter
  function buildLegend(classes) {
    const list = document.getElementById("kg-classes");
    classes.forEach((s) => {
      styles.set(s.name, s);
      const box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.dataset.cls = s.name;
      box.addEventListener("change", () => {
        if (box.checked) hidden.delete(s.name); else hidden.add(s.name);
        redraw();
      });
      const swatch = el("span", undefined, "swatch");
      swatch.style.background = s.colour;
      const label = el("label");
      label.append(box, swatch, el("span", s.label_zh), el("span", s.label_en, "cls-en"), el("span", String(s.count), "count"));
      const item = el("li");
      item.append(label);
      list.append(item);
    });
  }

  // ------------------------------------------------------------ side panel
  function nodeLink(iri) {
    const n = entities.get(iri);
    return button(n ? n.label : iri, "link", () => select(iri, false));
  }
  function section(title, ...children) {
    const box = el("section");
    box.append(el("h3", title), ...children);
    return box;
  }
  function evidenceList(items) {
    if (!items.length) return el("p", "（没有证据句）", "none");
    const list = el("ul", undefined, "evidence");
    items.forEach((ev) => {
      const item = el("li");
      const where = ["《" + (ev.title || "无标题") + "》", ev.section].filter(Boolean).join(" · ");
      item.append(el("blockquote", ev.sentence), el("p", where, "meta"));
      list.append(item);
    });
    return list;
  }
  function triple(e, self) {
    const line = el("div", undefined, "triple");
    const end = (iri) => (iri === self ? el("span", entities.get(iri).label, "self") : nodeLink(iri));
    line.append(end(e.from), el("span", e.label, "rel"), end(e.to));
    return line;
  }
  function showNode(iri) {
    const data = expanded.get(iri);
    const n = data.node;
    panel.dataset.selected = iri;
    panel.replaceChildren(el("h2", n.label), el("p", classLabel(n.cls) + " · 关系数 " + n.degree + "（与其他实体，不含文章提及）", "meta"));
    if (n.definition) panel.append(el("p", n.definition, "definition"));
    if (n.aliases.length) {
      const chips = el("div");
      n.aliases.forEach((a) => chips.append(el("span", a, "chip")));
      panel.append(section("别名", chips));
    }
    const relations = el("ul");
    data.edges.forEach((e) => {
      const item = el("li");
      item.dataset.predicate = e.predicate;
      item.append(triple(e, iri), evidenceList(e.evidence));
      relations.append(item);
    });
    panel.append(section("关系（" + data.edges.length + "）", data.edges.length ? relations : el("p", "（没有）", "none")));
    if (data.articles.length) {
      const list = el("ul", undefined, "articles");
      data.articles.forEach((a) => list.append(el("li", "《" + a.title + "》")));
      panel.append(section("提及它的文章（" + data.articles.length + "）", list));
    }
  }
  function showEdge(id) {
    const e = edgeInfo.get(id);
    panel.dataset.selected = id;
    panel.replaceChildren(el("h2", e.label), triple(e, null), section("证据（" + e.evidence.length + "）", evidenceList(e.evidence)));
  }

  // ------------------------------------------------------------ search
  const input = document.getElementById("kg-search");
  const results = document.getElementById("kg-results");
  let asked = 0;
  let pending = Promise.resolve([]);
  function search() {
    const ticket = ++asked;
    const text = input.value.trim();
    pending = text ? getJSON("/api/search", { q: text }) : Promise.resolve([]);
    pending.then((hits) => {
      if (ticket !== asked) return;
      results.replaceChildren(...hits.map((hit) => {
        const swatch = el("span", undefined, "swatch");
        swatch.style.background = colour(hit.cls);
        const choice = button(undefined, undefined, () => choose(hit.iri));
        choice.append(swatch, el("span", hit.label));
        if (hit.match !== hit.label) choice.append(el("span", hit.match, "alias"));
        choice.append(el("span", classLabel(hit.cls), "meta"));
        const item = el("li");
        item.append(choice);
        return item;
      }));
    }).catch(fail);
  }
  function choose(iri) {
    results.replaceChildren();
    select(iri, true);
  }
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 120);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") results.replaceChildren();
    if (event.key !== "Enter") return;
    clearTimeout(timer);
    search();
    pending.then((hits) => { if (hits.length) choose(hits[0].iri); }).catch(fail);
  });

  // ------------------------------------------------------------ query tab
  const editor = document.getElementById("kg-sparql");
  const params = document.getElementById("kg-params");
  const output = document.getElementById("kg-output");
  const status = document.getElementById("kg-status");
  const runButton = document.getElementById("kg-run");
  editor.value = "SELECT ?class (COUNT(?entity) AS ?entities)\nWHERE { ?entity a ?class . ?class rdfs:subClassOf kg:Entity }\nGROUP BY ?class\nORDER BY DESC(?entities)\n";

  function shorten(iri) {
    let best = "";
    Object.entries(config.prefixes).forEach(([name, ns]) => {
      if (iri.startsWith(ns) && ns.length > (config.prefixes[best] || "").length) best = name;
    });
    return best ? best + ":" + iri.slice(config.prefixes[best].length) : iri;
  }
  function cell(term) {
    const td = el("td");
    if (!term) return td;
    if (term.type === "uri" && term.value.startsWith(config.prefixes.kgr)) {
      td.append(button(shorten(term.value), "link", () => select(term.value, true)));
    } else {
      td.textContent = term.type === "uri" ? shorten(term.value) : term.value;
    }
    return td;
  }
  function showTable(answer) {
    if (typeof answer.boolean === "boolean") {
      output.replaceChildren(el("pre", String(answer.boolean)));
      return 1;
    }
    const table = el("table");
    const head = el("tr");
    answer.head.vars.forEach((name) => head.append(el("th", name)));
    const thead = el("thead");
    thead.append(head);
    const body = el("tbody");
    answer.results.bindings.forEach((row) => {
      const tr = el("tr");
      answer.head.vars.forEach((name) => tr.append(cell(row[name])));
      body.append(tr);
    });
    table.append(thead, body);
    output.replaceChildren(table);
    return answer.results.bindings.length;
  }
  async function runQuery() {
    const form = new URLSearchParams({ query: editor.value });
    params.querySelectorAll("input").forEach((box) => { if (box.value !== "") form.append("param", box.name + "=" + box.value); });
    runButton.disabled = true;
    status.className = "meta";
    status.textContent = "运行中…（最长 " + config.timeout + " 秒）";
    const started = performance.now();
    try {
      const response = await fetch("/api/query", { method: "POST", body: form, headers: { Accept: "application/sparql-results+json" } });
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      if (!response.ok) {
        output.replaceChildren();
        status.className = "meta error";
        status.textContent = response.status + "：" + (await response.text()).trim();
        return;
      }
      const type = response.headers.get("Content-Type") || "";
      const count = type.includes("sparql-results+json") ? showTable(await response.json()) : null;
      if (count === null) output.replaceChildren(el("pre", await response.text()));
      const cut = response.headers.get("X-KG-Truncated") === "true" ? " · 结果已截断为前 " + config.maxRows + " 行" : "";
      status.textContent = (count === null ? "RDF（Turtle）" : count + " 行") + " · " + seconds + " 秒" + cut;
      output.dataset.rows = String(count === null ? 0 : count);
    } catch (error) {
      status.className = "meta error";
      status.textContent = String(error.message || error);
    } finally {
      runButton.disabled = false;
    }
  }
  function chooseSaved(query, item) {
    document.querySelectorAll("#kg-saved-list button").forEach((b) => b.classList.toggle("active", b === item));
    document.getElementById("kg-query-title").textContent = query.name;
    document.getElementById("kg-query-about").textContent = query.description;
    editor.value = query.text;
    params.replaceChildren(...query.params.map((p) => {
      const box = el("input");
      box.name = p.name;
      box.value = p.default || "";
      box.placeholder = p.required ? "必填" : "可留空";
      const label = el("label");
      label.append(el("span", p.name + " — " + p.meaning), box);
      return label;
    }));
    output.replaceChildren();
    status.textContent = "";
  }
  function buildSaved(queries) {
    const list = document.getElementById("kg-saved-list");
    queries.forEach((query) => {
      const item = button(undefined, undefined, () => chooseSaved(query, item));
      item.dataset.name = query.name;
      item.append(el("span", query.name, "name"), el("span", query.description, "about"));
      const li = el("li");
      li.append(item);
      list.append(li);
    });
  }
  runButton.addEventListener("click", runQuery);
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) runQuery();
  });

  // ------------------------------------------------------------ tabs and start
  function showTab(name) {
    document.getElementById("kg-explore").hidden = name !== "graph";
    document.getElementById("kg-query").hidden = name !== "query";
    document.querySelectorAll(".tabs button").forEach((b) => b.classList.toggle("active", b.dataset.tab === name));
    if (name === "graph") network.redraw();
  }
  document.querySelectorAll(".tabs button").forEach((b) => b.addEventListener("click", () => showTab(b.dataset.tab)));
  panel.replaceChildren(el("h2", "详情"), el("p", "搜索一个实体（中文、英文或别名，如 MJ），或点击图中的节点、关系：这里显示证据句和来源文章。", "hint"));
  showTab(location.hash === "#query" ? "query" : "graph");
  showStats();
  Promise.all([getJSON("/api/classes"), getJSON("/api/queries")])
    .then(([classes, queries]) => {
      buildLegend(classes);
      buildSaved(queries);
      document.body.dataset.kgReady = "1";
    })
    .catch(fail);
})();
