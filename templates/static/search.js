// Faceted search over the split index of digestgen/search.py.
// Index files are scripts that push onto window.digestSearch, so they load with <script src> from any
// sub-path and from file:// (where fetch() is refused). The filter state lives in the URL's hash.
(function () {
  "use strict";
  var PAGE = 20;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  var SPELLED = {"ß": "ss", "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ς": "σ"};
  var SHOWN = 8;
  var strings = null;

  // Interface strings in the site's language, from _strings.html (none on an English site).
  function t(key, fallback) {
    if (strings === null) {
      var node = document.getElementById("ui-strings");
      try { strings = node ? JSON.parse(node.textContent) : {}; } catch (e) { strings = {}; }
    }
    return strings[key] !== undefined ? strings[key] : fallback;
  }
  // "{n} articles found." in the plural form the language gives n (Intl.PluralRules).
  function counted(key, n, one, other) {
    var forms = t(key, null), text = null;
    if (forms) {
      var rules = new Intl.PluralRules(document.documentElement.lang || "en"), want = rules.select(n);
      Object.keys(forms).some(function (k) { text = rules.select(+k) === want ? forms[k] : null; return text !== null; });
    }
    return (text || (n === 1 ? one : other)).replace("{n}", n);
  }

  // Same folding and splitting as digestgen/search.py: fold() and tokenize().
  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/\p{M}+/gu, "")
      .replace(/[ßıłøđðþæœς]/g, function (ch) { return SPELLED[ch]; });
  }
  function tokenize(text) {
    return fold(text).match(/[\p{L}\p{N}]+/gu) || [];
  }
  function shardFile(key) {
    return Array.from(key).map(function (ch) {
      return /^[a-z0-9]$/.test(ch) ? ch : "_" + ch.codePointAt(0).toString(16);
    }).join("");
  }

  // --- loading ----------------------------------------------------------------------------------
  var store = {m: null, t: {}, r: {}};
  var queue = window.digestSearch || [];
  window.digestSearch = {
    push: function (item) {
      if (item[0] === "m") store.m = item[2]; else store[item[0]][item[1]] = item[2];
    },
    tokenize: tokenize
  };
  queue.forEach(window.digestSearch.push);

  var manifestScript = document.querySelector('script[src$="manifest.js"]');
  var base = manifestScript ? manifestScript.src.replace(/manifest\.js(\?.*)?$/, "") : "";
  var loading = {};
  function load(path) {
    if (!loading[path]) {
      loading[path] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = base + path + "?v=" + store.m.v;
        script.onload = function () { resolve(); };
        script.onerror = function () { delete loading[path]; reject(new Error("could not load " + path)); };
        document.head.appendChild(script);
      });
    }
    return loading[path];
  }

  // --- the index --------------------------------------------------------------------------------
  var m = store.m;
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var fromInput = document.getElementById("search-from");
  var toInput = document.getElementById("search-to");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var more = document.getElementById("search-more");
  var clear = document.getElementById("search-clear");
  var root = list.getAttribute("data-root");
  var filters = document.getElementById("search-filters");
  var filtersLabel = filters.querySelector("summary");
  if (!m) {
    status.textContent = t("unloadable", "The search index could not be loaded.");
    return;
  }

  var days = [];
  (function () {
    var previous = 0;
    m.date.forEach(function (delta) {
      if (delta === null) { days.push(null); return; }
      previous += delta;
      days.push(previous);
    });
  })();
  var dated = days.filter(function (d) { return d !== null; });
  // One facet per taxonomy (leaders, topics, countries, ...), then sources. An article has several
  // terms of a taxonomy, so picking two asks for both; it has one source, so picking two asks for either.
  var FACETS = m.terms.map(function (t) {
    return {name: t.kind, key: t.key, noun: t.noun, values: t.values, of: t.of, every: true};
  }).concat([{name: "source", values: m.sources, of: m.source, every: false}]);
  var slugIndex = {};
  FACETS.forEach(function (f) {
    slugIndex[f.name] = {};
    f.values.forEach(function (v, i) { slugIndex[f.name][Array.isArray(v) ? v[1] : v] = i; });
  });

  function isoDay(day) { return new Date(day * 86400000).toISOString().slice(0, 10); }
  function dayOf(iso) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return parts ? Date.UTC(+parts[1], +parts[2] - 1, +parts[3]) / 86400000 : null;
  }
  function longDate(day) {
    var d = new Date(day * 86400000);
    return d.getUTCDate() + " " + t("months", MONTHS)[d.getUTCMonth()] + " " + d.getUTCFullYear();
  }

  // --- state in the URL -------------------------------------------------------------------------
  // The hash holds the state (q, leader, topic, source, from, to), so a filtered search can be
  // bookmarked; fragment changes work from file:// too. A hash without "=" (the skip link's #main) is
  // not a state and changes nothing. A `?q=` query (a search form elsewhere) starts a search.
  function isState(hash) { return hash === "" || hash.indexOf("=") !== -1; }
  function readState(text) {
    var params = new URLSearchParams(text);
    var found = {q: params.get("q") || "", from: params.get("from") || "", to: params.get("to") || ""};
    FACETS.forEach(function (f) {
      found[f.name] = params.getAll(f.name).filter(function (v) { return v in slugIndex[f.name]; });
    });
    return found;
  }
  function writeState(push) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    FACETS.forEach(function (f) { state[f.name].forEach(function (v) { params.append(f.name, v); }); });
    if (state.from) params.set("from", state.from);
    if (state.to) params.set("to", state.to);
    var hash = "#" + params.toString();
    if (hash === (window.location.hash || "#")) return;
    if (push) window.location.hash = hash; else window.location.replace(hash);
  }
  function filtered(state) {
    return FACETS.some(function (f) { return state[f.name].length; }) || Boolean(state.from || state.to);
  }

  // --- matching ---------------------------------------------------------------------------------
  function wordHits(word) {
    // Every article holding a token that starts with `word`: id -> 3 for a title hit, 1 otherwise.
    var key = Array.from(word).slice(0, m.keyLength).join("");
    var tokens = store.t[key] || {}, hits = new Map();
    var exact = Array.from(word).length < m.keyLength;
    Object.keys(tokens).forEach(function (token) {
      if (exact ? token !== word : token.lastIndexOf(word, 0) !== 0) return;
      var id = 0;
      tokens[token].forEach(function (value) {
        id += value >> 1;
        var weight = value & 1 ? 3 : 1;
        if ((hits.get(id) || 0) < weight) hits.set(id, weight);
      });
    });
    return hits;
  }

  function matches(state, words) {
    // Results for `state`, and for the source facet's counts the results before the source filter
    // (sources are alternatives, so picking one must not hide the others).
    var scores = null;
    words.forEach(function (word) {
      var hits = wordHits(word), next = new Map();
      (scores || hits).forEach(function (score, id) {
        if (!scores) next.set(id, score);
        else if (hits.has(id)) next.set(id, score + hits.get(id));
      });
      scores = next;
    });
    var from = dayOf(state.from), to = dayOf(state.to);
    var wanted = FACETS.filter(function (f) { return f.every; }).map(function (f) {
      return {of: f.of, ids: state[f.name].map(function (v) { return slugIndex[f.name][v]; })};
    });
    var sources = state.source.map(function (v) { return slugIndex.source[v]; });
    function keep(id) {
      var day = days[id];
      if ((from !== null || to !== null) && day === null) return false;
      if ((from !== null && day < from) || (to !== null && day > to)) return false;
      return wanted.every(function (w) {
        return w.ids.every(function (v) { return w.of[id].indexOf(v) !== -1; });
      });
    }
    var before = [];
    if (scores) {
      scores.forEach(function (score, id) { if (keep(id)) before.push(id); });
      before.sort(function (a, b) { return scores.get(b) - scores.get(a) || a - b; });
    } else {
      for (var id = 0; id < m.n; id++) if (keep(id)) before.push(id);
    }
    var ids = sources.length ? before.filter(function (id) { return sources.indexOf(m.source[id]) !== -1; }) : before;
    return {ids: ids, before: before};
  }

  // --- rendering --------------------------------------------------------------------------------
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var facetLists = {};
  var expanded = {};
  FACETS.forEach(function (f) {
    var box = document.getElementById("facet-" + f.name);
    var ul = el("ul", "facet-values");
    facetLists[f.name] = {box: box, ul: ul, items: [], order: [], toggle: el("button", "facet-toggle")};
    f.values.forEach(function (value, i) {
      var name = Array.isArray(value) ? value[0] : value, key = Array.isArray(value) ? value[1] : value;
      var li = el("li"), label = el("label"), check = el("input");
      check.type = "checkbox";
      check.name = f.name;
      check.value = key;
      check.id = "facet-" + f.name + "-" + i;
      label.htmlFor = check.id;
      label.appendChild(document.createTextNode(name + " "));
      var count = el("span", "facet-count");
      label.appendChild(count);
      li.appendChild(check);
      li.appendChild(label);
      ul.appendChild(li);
      check.addEventListener("change", function () { toggleValue(f, key, check.checked); });
      facetLists[f.name].items.push({li: li, check: check, count: count, key: key, index: i});
    });
    var toggle = facetLists[f.name].toggle;
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", "false");
    toggle.addEventListener("click", function () {
      expanded[f.name] = !expanded[f.name];
      renderFacets(shownFacets.state, shownFacets.found);
    });
    box.appendChild(ul);
    box.appendChild(toggle);
  });

  var shownFacets = null;
  function renderFacets(state, found) {
    shownFacets = {state: state, found: found};
    FACETS.forEach(function (f) {
      var counts = new Map();
      (f.every ? found.ids : found.before).forEach(function (id) {
        [].concat(f.of[id]).forEach(function (v) { counts.set(v, (counts.get(v) || 0) + 1); });
      });
      var facet = facetLists[f.name], visible = 0, shown = 0;
      facet.items.forEach(function (item) {
        item.selected = state[f.name].indexOf(item.key) !== -1;
        item.n = counts.get(item.index) || 0;
      });
      if (!facet.box.contains(document.activeElement)) {  // never move what the reader is on
        facet.order = facet.items.slice().sort(function (a, b) {
          return b.selected - a.selected || b.n - a.n || a.index - b.index;
        });
        facet.order.forEach(function (item) { facet.ul.appendChild(item.li); });
      }
      facet.order.forEach(function (item) {
        item.check.checked = item.selected;
        item.count.textContent = "(" + item.n + ")";
        var available = item.n > 0 || item.selected;
        if (available) visible++;
        var show = available && (item.selected || expanded[f.name] || shown < SHOWN);
        if (show) shown++;
        item.li.hidden = !show;
      });
      facet.box.hidden = visible === 0;
      facet.toggle.hidden = visible <= SHOWN;
      facet.toggle.textContent = expanded[f.name] ? t("showFewer", "Show fewer") : t("showAll", "Show all {n}").replace("{n}", visible);
      facet.toggle.setAttribute("aria-expanded", expanded[f.name] ? "true" : "false");
    });
  }

  function tagList(id) {
    var ul = el("ul", "tags");
    m.terms.forEach(function (t) {
      t.of[id].forEach(function (i) {
        var term = t.values[i], li = el("li"), a = el("a", "tag tag-" + t.kind);
        a.href = root + t.key + "/" + term[1] + "/index.html";
        a.appendChild(el("span", "visually-hidden", t.noun + ": "));
        a.appendChild(document.createTextNode(term[0]));
        li.appendChild(a);
        ul.appendChild(li);
      });
    });
    return ul.children.length ? ul : null;
  }

  function card(id) {
    var rec = store.r[Math.floor(id / m.records)][id % m.records];
    var li = el("li"), article = el("article", "card"), h = el("h2", "card-title"), a = el("a", "", rec[0]);
    a.href = root + "articles/" + rec[1] + "/index.html";
    h.appendChild(a);
    article.appendChild(h);
    var meta = el("p", "meta");
    if (days[id] !== null) {
      var time = el("time", "", longDate(days[id]));
      time.dateTime = isoDay(days[id]);
      meta.appendChild(time);
    } else {
      meta.appendChild(el("span", "undated", t("undated", "Undated")));
    }
    var parts = [];
    if (m.source[id] !== -1) parts.push(el("span", "source", m.sources[m.source[id]]));
    parts.push(el("span", "reading-time", t("minRead", "{n} min read").replace("{n}", rec[3])));
    if (rec[4]) parts.push(el("span", "draft", t("draft", "Draft")));
    parts.forEach(function (part) {
      var sep = el("span", "sep", "·");
      sep.setAttribute("aria-hidden", "true");
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(sep);
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(part);
    });
    article.appendChild(meta);
    article.appendChild(el("p", "summary", rec[2]));
    var tags = tagList(id);
    if (tags) article.appendChild(tags);
    li.appendChild(article);
    return li;
  }

  // --- one search -------------------------------------------------------------------------------
  var generation = 0;
  var ranFor = null;
  var current = {ids: [], shown: 0};
  var everything = {ids: [], before: []};
  for (var i = 0; i < m.n; i++) everything.ids.push(i);
  everything.before = everything.ids;

  function shardsFor(words) {
    var keys = {};
    words.forEach(function (w) { keys[Array.from(w).slice(0, m.keyLength).join("")] = true; });
    return Object.keys(keys).filter(function (k) { return m.shards.indexOf(k) !== -1; })
      .map(function (k) { return load("t/" + shardFile(k) + ".js"); });
  }

  function loadRecords(ids) {
    var files = {};
    ids.forEach(function (id) { files[Math.floor(id / m.records)] = true; });
    return Promise.all(Object.keys(files).map(function (n) { return load("r/" + n + ".js"); }));
  }

  function appendCards(count) {
    var fragment = document.createDocumentFragment();
    current.ids.slice(current.shown, count).forEach(function (id) { fragment.appendChild(card(id)); });
    list.appendChild(fragment);
    current.shown = Math.min(count, current.ids.length);
    more.hidden = current.shown >= current.ids.length;
  }

  function run() {
    // Load what the state needs, then change the page at once; aria-busy says when it is done.
    var mine = ++generation;
    var now = JSON.parse(JSON.stringify(state));  // later edits start a new run rather than change this one
    ranFor = window.location.hash;
    var words = Array.from(new Set(tokenize(now.q)));
    list.setAttribute("aria-busy", "true");
    return Promise.all(shardsFor(words)).then(function () {
      if (mine !== generation) return;
      var active = words.length > 0 || filtered(now);
      var found = active ? matches(now, words) : everything;
      var ids = active ? found.ids : [];
      return loadRecords(ids.slice(0, PAGE)).then(function () {
        if (mine !== generation) return;
        renderFacets(now, found);
        var picked = FACETS.reduce(function (n, f) { return n + now[f.name].length; }, 0) + (now.from || now.to ? 1 : 0);
        filtersLabel.textContent = picked ? t("filtersN", "Filters ({n})").replace("{n}", picked) : t("filters", "Filters");
        clear.hidden = !picked;
        list.textContent = "";
        current = {ids: ids, shown: 0};
        status.textContent = !active ? counted("toSearch", m.n, "{n} article to search.", "{n} articles to search.")
          : ids.length === 0 ? t("none", "No articles found.")
            : counted("found", ids.length, "{n} article found.", "{n} articles found.");
        appendCards(PAGE);
        list.setAttribute("aria-busy", "false");
      });
    }).catch(function (error) {
      if (mine !== generation) return;
      status.textContent = t("failed", "Search failed: {error}.").replace("{error}", error.message);
      list.setAttribute("aria-busy", "false");
    });
  }

  function update(change, push) {
    change();
    writeState(push);
    run();
  }
  function toggleValue(f, key, on) {
    update(function () {
      var values = state[f.name].filter(function (v) { return v !== key; });
      state[f.name] = on ? values.concat([key]) : values;
    }, true);
  }
  function syncControls() {
    if (input.value !== state.q) input.value = state.q;
    fromInput.value = state.from;
    toInput.value = state.to;
  }

  if (dated.length) {
    var first = dated.reduce(function (a, b) { return Math.min(a, b); });
    var last = dated.reduce(function (a, b) { return Math.max(a, b); });
    [fromInput, toInput].forEach(function (box) { box.min = isoDay(first); box.max = isoDay(last); });
  }
  input.addEventListener("input", function () {
    update(function () { state.q = input.value; }, false);
  });
  [fromInput, toInput].forEach(function (box) {
    box.addEventListener("change", function () {
      update(function () { state.from = fromInput.value; state.to = toInput.value; }, true);
    });
  });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); run(); });
  clear.addEventListener("click", function () {
    update(function () {
      FACETS.forEach(function (f) { state[f.name] = []; });
      state.from = state.to = "";
    }, true);
    syncControls();
  });
  more.addEventListener("click", function () {
    var mine = generation;
    loadRecords(current.ids.slice(current.shown, current.shown + PAGE)).then(function () {
      if (mine === generation) appendCards(current.shown + PAGE);
    }).catch(function (error) {
      status.textContent = t("failed", "Search failed: {error}.").replace("{error}", error.message);
    });
  });
  window.addEventListener("hashchange", function () {
    var hash = window.location.hash.slice(1);
    if (window.location.hash === ranFor || !isState(hash)) return;  // our own change, or not a search
    state = readState(hash);
    syncControls();
    run();
  });

  var start = window.location.hash.slice(1);
  var state = readState(isState(start) && start ? start : window.location.search.slice(1));
  if (!start && state.q) writeState(false);  // from here on the hash alone holds the state
  if (window.matchMedia("(max-width: 48rem)").matches) filters.open = false;  // results first on a phone
  syncControls();
  run();
})();
