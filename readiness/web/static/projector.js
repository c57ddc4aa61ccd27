/* The projector page, live: each server-sent event carries the figures as JSON and the page
   is redrawn from them with textContent only (nothing anyone typed is read as HTML). Without
   JavaScript the page reloads itself every 10 seconds instead. */
(function () {
  "use strict";
  var body = document.body;
  var url = body.getAttribute("data-events");
  if (!url || !window.EventSource) { return; }
  var minGroup = body.getAttribute("data-min-group");

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }
  function fixed(value) { return value === null || value === undefined ? "–" : value.toFixed(1); }
  function fill(id, children) {
    var node = document.getElementById(id);
    if (!node) { return; }
    while (node.firstChild) { node.removeChild(node.firstChild); }
    children.forEach(function (child) { node.appendChild(child); });
  }
  function setText(id, text) {
    var node = document.getElementById(id);
    if (node) { node.textContent = text; }
  }

  function domains(list) {
    if (!list.length) { return [el("li", "Nobody has answered yet.", "empty")]; }
    return list.map(function (d) {
      var item = el("li");
      item.appendChild(el("span", d.title, "label"));
      var meter = el("meter", fixed(d.score));
      meter.min = 0; meter.max = 100; meter.value = d.score === null ? 0 : d.score;
      item.appendChild(meter);
      item.appendChild(el("span", fixed(d.score), "figure"));
      item.appendChild(el("span", d.agreement ? d.agreement + " agreement" : "", "agreement"));
      return item;
    });
  }

  function divergent(list) {
    if (!list.length) { return [el("li", "No split yet.", "empty")]; }
    return list.map(function (q) {
      var item = el("li");
      item.appendChild(el("p", q.prompt, "prompt"));
      var answers = el("ul", null, "answers");
      q.answers.forEach(function (a) {
        var row = el("li");
        row.appendChild(el("span", a.label, "label"));
        row.appendChild(document.createTextNode(" "));
        row.appendChild(el("span", a.count, "count"));
        answers.appendChild(row);
      });
      if (q.dont_know) {
        var dk = el("li", null, "muted");
        dk.appendChild(el("span", "Don't know", "label"));
        dk.appendChild(document.createTextNode(" "));
        dk.appendChild(el("span", q.dont_know, "count"));
        answers.appendChild(dk);
      }
      item.appendChild(answers);
      return item;
    });
  }

  function roles(list) {
    var names = [];
    list.forEach(function (d) {
      d.roles.forEach(function (r) { if (names.indexOf(r.role) < 0) { names.push(r.role); } });
    });
    var head = el("thead"), row = el("tr");
    row.appendChild(el("th", "Domain"));
    names.forEach(function (n) { row.appendChild(el("th", n)); });
    head.appendChild(row);
    var rows = el("tbody");
    list.forEach(function (d) {
      var tr = el("tr");
      var th = el("th", d.title); th.scope = "row"; tr.appendChild(th);
      names.forEach(function (n) {
        var found = d.roles.filter(function (r) { return r.role === n; })[0];
        if (!found) { tr.appendChild(el("td")); return; }
        if (found.mean === null) {
          var td = el("td"); td.appendChild(el("span", "fewer than " + minGroup, "muted"));
          tr.appendChild(td);
        } else { tr.appendChild(el("td", fixed(found.mean))); }
      });
      rows.appendChild(tr);
    });
    return [head, rows];
  }

  function draw(figures) {
    setText("joined", figures.joined);
    setText("answering", figures.answering);
    setText("finished", figures.finished);
    setText("overall", fixed(figures.overall));
    setText("overall-band", figures.overall_band || "");
    fill("domains", domains(figures.domains));
    fill("divergent", divergent(figures.divergent));
    fill("roles", roles(figures.domains));
    fill("gaps", figures.role_gaps.map(function (g) { return el("li", g); }));
  }

  var source = new EventSource(url);
  source.addEventListener("figures", function (event) {
    try { draw(JSON.parse(event.data)); } catch (e) { return; }
    setText("status", "Live: updated " + new Date().toLocaleTimeString("en-GB"));
  });
  source.onerror = function () { setText("status", "Reconnecting…"); };
  var noscript = document.querySelector("noscript");
  if (noscript) { noscript.parentNode.removeChild(noscript); }
}());
