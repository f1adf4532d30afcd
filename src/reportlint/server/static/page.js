// The review page. Every piece of the draft goes into the page as a text node
// (textContent, never innerHTML), and the server's Content-Security-Policy allows no other
// script, so whatever a draft holds is shown, never run.
"use strict";

const CATEGORY_NAMES = {
  section: "内容缺项", plan: "下年度计划", duplicate: "重复内容", numeric: "数字与合计",
  typo: "错别字", formulation: "规范表述", punctuation: "标点符号", numbering: "层次序号",
  artifact: "转换残留", placeholder: "未替换占位符", spacing: "空格", format: "段落格式",
};
const SEVERITY_NAMES = { error: "错误", warning: "警告", info: "提示" };
const SEVERITY_ORDER = ["error", "warning", "info"];
const $ = (id) => document.getElementById(id);

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

function formData() {
  const data = new FormData();
  const file = $("file").files[0];
  if (file) data.append("file", file);
  else data.append("text", $("text").value);
  if ($("year").value) data.append("year", $("year").value);
  if ($("unit").value) data.append("unit", $("unit").value);
  return data;
}

function showMessage(text) {
  $("message").textContent = text;
  $("message").hidden = !text;
}

async function errorOf(response) {
  try { return (await response.json()).error || response.statusText; }
  catch (e) { return `${response.status} ${response.statusText}`; }
}

// Per line: the findings that touch it, as [start, end) in code points (columns are 1-based).
function spansByLine(findings, count) {
  const by = new Map();
  findings.forEach((f, i) => {
    for (let ln = f.line; ln <= Math.min(f.end_line, count); ln++) {
      const start = ln === f.line ? f.column - 1 : 0;
      const end = ln === f.end_line ? f.end_column - 1 : Infinity;
      if (!by.has(ln)) by.set(ln, []);
      by.get(ln).push({ i, f, start, end });
    }
  });
  return by;
}

function drawLine(text, spans) {
  const chars = Array.from(text);
  const out = el("span", { class: "tx" });
  const cuts = new Set([0, chars.length]);
  for (const s of spans) {
    cuts.add(Math.min(s.start, chars.length));
    cuts.add(Math.min(s.end, chars.length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  for (let k = 0; k + 1 < points.length; k++) {
    const [a, b] = [points[k], points[k + 1]];
    const piece = chars.slice(a, b).join("");
    const here = spans.filter((s) => s.start <= a && b <= s.end);
    if (!here.length) { out.append(piece); continue; }
    const worst = here.reduce((w, s) => (SEVERITY_ORDER.indexOf(s.f.severity) < SEVERITY_ORDER.indexOf(w.f.severity) ? s : w));
    const mark = el("mark", { class: worst.f.severity, text: piece, title: here.map((s) => s.f.message).join("\n") });
    mark.dataset.findings = here.map((s) => s.i).join(" ");
    out.append(mark);
  }
  for (const s of spans) {                        // a point finding (empty span): a marker
    if (s.start === s.end && s.start <= chars.length) {
      const mark = el("mark", { class: `${s.f.severity} point`, text: "‸", title: s.f.message });
      mark.dataset.findings = String(s.i);
      out.append(mark);
    }
  }
  return out;
}

function render(data) {
  const { report, lines, locations, name } = data;
  const findings = report.findings;
  const s = report.summary;
  $("title").textContent = `${name === "<text>" ? "粘贴的文字" : name}：共 ${s.findings} 个问题（错误 ${s.error}，警告 ${s.warning}，提示 ${s.info}）`;
  const draft = $("draft");
  draft.replaceChildren();
  const by = spansByLine(findings, lines.length);
  lines.forEach((text, k) => {
    const no = k + 1;
    const label = locations ? `第${no}段` : String(no);
    const li = el("li", { id: `L${no}` }, el("span", { class: "ln", text: label }));
    const cell = locations && locations[k];
    const tx = drawLine(text, by.get(no) || []);
    if (cell) tx.prepend(el("span", { class: "cell", text: `［${cell}］` }));
    li.append(tx);
    if (by.has(no)) li.classList.add("hit");
    draft.append(li);
  });
  const aside = $("findings");
  aside.replaceChildren();
  const groups = new Map();
  findings.forEach((f, i) => {
    if (!groups.has(f.category)) groups.set(f.category, []);
    groups.get(f.category).push([i, f]);
  });
  for (const [cat, items] of groups) {
    aside.append(el("h3", { class: "category", text: `${CATEGORY_NAMES[cat] || cat}（${items.length}）` }));
    const ul = el("ul");
    for (const [i, f] of items) {
      const where = f.paragraph || `第${f.line}行第${f.column}列`;
      const link = el("a", { href: `#L${f.line}`, text: where });
      const text = f.message + (f.suggestion ? `（建议：${f.suggestion}）` : "");
      const li = el("li", { class: "finding" }, link, " ",
        el("span", { class: `sev ${f.severity}`, text: SEVERITY_NAMES[f.severity] }), " ", text, " ",
        el("span", { class: "rule", text: f.rule }));
      li.dataset.index = String(i);
      li.dataset.category = f.category;
      li.dataset.severity = f.severity;
      ul.append(li);
    }
    aside.append(ul);
  }
  if (!findings.length) aside.append(el("p", { text: "未发现问题。" }));
  drawFilters(findings);
  $("result").hidden = false;
}

function drawFilters(findings) {
  const box = $("filters");
  box.replaceChildren();
  const cats = [...new Set(findings.map((f) => f.category))];
  const sevs = SEVERITY_ORDER.filter((v) => findings.some((f) => f.severity === v));
  const add = (kind, value, label) => {
    const input = el("input", { type: "checkbox", "data-kind": kind, value });
    input.checked = true;
    input.addEventListener("change", () => applyFilters(findings));
    box.append(el("label", { class: "filter" }, input, label));
  };
  if (!findings.length) return;
  box.append("类别：");
  cats.forEach((c) => add("category", c, CATEGORY_NAMES[c] || c));
  box.append("　级别：");
  sevs.forEach((v) => add("severity", v, SEVERITY_NAMES[v]));
}

function applyFilters(findings) {
  const on = { category: new Set(), severity: new Set() };
  for (const box of $("filters").querySelectorAll("input")) if (box.checked) on[box.dataset.kind].add(box.value);
  const shown = findings.map((f) => on.category.has(f.category) && on.severity.has(f.severity));
  for (const li of $("findings").querySelectorAll("li.finding")) li.hidden = !shown[Number(li.dataset.index)];
  for (const mark of $("draft").querySelectorAll("mark")) {
    const visible = mark.dataset.findings.split(" ").some((i) => shown[Number(i)]);
    mark.classList.toggle("off", !visible);
  }
}

async function check(event) {
  event.preventDefault();
  showMessage("");
  $("check").disabled = true;
  try {
    const response = await fetch("/api/review", { method: "POST", body: formData() });
    if (!response.ok) {
      $("result").hidden = true;
      $("download").disabled = true;
      showMessage(await errorOf(response));
      return;
    }
    render(await response.json());
    $("download").disabled = false;
  } catch (e) {
    showMessage(`无法连接检查服务：${e}`);
  } finally {
    $("check").disabled = false;
  }
}

async function download() {
  showMessage("");
  const response = await fetch("/api/annotate", { method: "POST", body: formData() });
  if (!response.ok) { showMessage(await errorOf(response)); return; }
  const disposition = response.headers.get("Content-Disposition") || "";
  const match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  const name = match ? decodeURIComponent(match[1]) : "reviewed.docx";
  const url = URL.createObjectURL(await response.blob());
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function chosen() {
  const file = $("file").files[0];
  $("chosen").textContent = file ? `已选择：${file.name}（${Math.ceil(file.size / 1024)} KB）` : "";
  $("download").disabled = true;
}

document.addEventListener("DOMContentLoaded", () => {
  $("form").addEventListener("submit", check);
  $("download").addEventListener("click", download);
  $("file").addEventListener("change", chosen);
  $("text").addEventListener("input", () => { $("download").disabled = true; });
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    if (e.dataTransfer.files.length) { $("file").files = e.dataTransfer.files; chosen(); }
  });
});
