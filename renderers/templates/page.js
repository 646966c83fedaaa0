(function () {
  "use strict";
  var d = document, body = d.body, $ = function (id) { return d.getElementById(id); };
  var stops = Array.prototype.slice.call(d.querySelectorAll("[data-stop]"));
  var counter = $("counter"), only = $("only-changes"), cur = -1;

  function setCollapsed(u, c) {
    u.classList.toggle("collapsed", c);
    var t = u.querySelector(".tog");
    if (t) t.setAttribute("aria-expanded", String(!c));
  }
  function show(el) {
    for (var u = el.parentElement; u; u = u.parentElement) {
      if (u.classList.contains("collapsed")) setCollapsed(u, false);
    }
    if (el.classList.contains("collapsed")) setCollapsed(el, false);
    if (only.checked && !el.offsetParent) { only.checked = false; body.classList.remove("only"); }
    var old = d.querySelector(".current");
    if (old) old.classList.remove("current");
    el.classList.add("current");
    el.scrollIntoView({block: el.offsetHeight > innerHeight / 2 ? "start" : "center"});
  }
  function count() {
    counter.textContent = (cur >= 0 ? cur + 1 : "–") + " / " + stops.length;
  }
  function go(i) {
    if (!stops.length) return;
    cur = (i + stops.length) % stops.length;
    show(stops[cur]);
    history.replaceState(null, "", "#" + stops[cur].id);
    count();
  }
  function step(delta) { go(cur < 0 ? (delta > 0 ? 0 : -1) : cur + delta); }
  function jump(id, keep) {
    var el = id && $(id);
    if (!el) return;
    var i = stops.indexOf(el);
    if (i >= 0) { go(i); return; }
    show(el);
    if (keep) history.replaceState(null, "", "#" + id);
    cur = -1;  /* the next change after this place */
    for (i = 0; i < stops.length; i++) {
      if (stops[i].compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) cur = i;
    }
    count();
  }

  $("next").addEventListener("click", function () { step(1); });
  $("prev").addEventListener("click", function () { step(-1); });
  d.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey || t.tagName === "SELECT" || t.tagName === "TEXTAREA" ||
        (t.tagName === "INPUT" && t.type !== "checkbox")) return;
    var k = e.key.toLowerCase();
    if (k === "n" || k === "j") { e.preventDefault(); step(1); }
    else if (k === "p" || k === "k") { e.preventDefault(); step(-1); }
  });
  d.addEventListener("click", function (e) {
    var a = e.target.closest("a[href^='#']");
    if (a) {
      e.preventDefault();
      body.classList.remove("toc-open");
      jump(decodeURIComponent(a.getAttribute("href").slice(1)), true);
      return;
    }
    var h = e.target.closest(".unit:not(.stub)>.uh");
    if (h) setCollapsed(h.parentElement, !h.parentElement.classList.contains("collapsed"));
  });
  window.addEventListener("hashchange", function () { jump(decodeURIComponent(location.hash.slice(1))); });

  var view = $("view-btn");
  view.addEventListener("click", function () {
    var inline = body.classList.toggle("inline");
    body.classList.toggle("side", !inline);
    view.setAttribute("aria-pressed", String(inline));
    view.textContent = inline ? "并排视图" : "单栏视图";
    var c = d.querySelector(".current");
    if (c) c.scrollIntoView({block: "center"});
  });
  only.addEventListener("change", function () { body.classList.toggle("only", only.checked); });
  $("expand-all").addEventListener("click", function () {
    d.querySelectorAll(".unit.collapsed").forEach(function (u) { setCollapsed(u, false); });
  });
  $("collapse-all").addEventListener("click", function () {
    d.querySelectorAll(".unit:not(.changed):not(.stub)").forEach(function (u) { setCollapsed(u, true); });
  });
  $("toc-btn").addEventListener("click", function () {
    $("toc-btn").setAttribute("aria-expanded", String(body.classList.toggle("toc-open")));
  });

  var table = $("ttable"), tbody = table.tBodies[0], filter = $("tfilter");
  filter.addEventListener("change", function () {
    var n = 0;
    Array.prototype.forEach.call(tbody.rows, function (r) {
      r.hidden = !!filter.value && r.getAttribute("data-change") !== filter.value;
      if (!r.hidden) n++;
    });
    $("tcount").textContent = n;
  });
  table.querySelectorAll("th button").forEach(function (b) {
    b.addEventListener("click", function () {
      var col = +b.getAttribute("data-col"), num = b.getAttribute("data-sort") === "num";
      var dir = b.getAttribute("data-dir") === "asc" ? -1 : 1;
      table.querySelectorAll("th button").forEach(function (x) { x.removeAttribute("data-dir"); });
      b.setAttribute("data-dir", dir > 0 ? "asc" : "desc");
      var key = function (r) { return r.cells[col].getAttribute("data-v"); };
      Array.prototype.slice.call(tbody.rows).sort(function (x, y) {
        var p = key(x), q = key(y);
        if (num) {
          if (p === "" || q === "") return (p === "") - (q === "");
          return dir * (parseFloat(p) - parseFloat(q));
        }
        return dir * p.localeCompare(q, "zh-CN");
      }).forEach(function (r) { tbody.appendChild(r); });
    });
  });

  count();
  if (location.hash) jump(decodeURIComponent(location.hash.slice(1)));
  window.wzdiffReady = performance.now();
  d.documentElement.setAttribute("data-ready", "1");
})();
