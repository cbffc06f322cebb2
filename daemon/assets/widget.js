/*!
 * Frontdesk chat widget, served by agentd at /widget.js. One file, no dependencies.
 *
 *   <script src="https://help.example.com/widget.js" defer
 *           data-title="Help" data-color="#b5652b"></script>
 *
 * Attributes of the <script> tag:
 *   data-frontdesk-url  base URL of agentd (default: the origin this script was loaded from)
 *   data-user-token     optional WordPress JWT minted by the plugin; exchanged for a
 *                       verified session (POST /api/agent/session {user_token})
 *   data-user-token-url the plugin's route for a fresh JWT once the page's has expired
 *   data-wp-nonce       its wp_rest nonce (sent as X-WP-Nonce, with the site's cookies)
 *   data-title          panel title (default "Chat with us")
 *   data-greeting       first message shown in the panel (default "Hi! How can we help?")
 *   data-position       "right" (default) or "left"
 *   data-color          accent colour: #rgb, #rrggbb, #rrggbbaa, rgb()/hsl() or a colour
 *                       name; anything else is ignored with a console warning
 *   data-open           "true" opens the panel on load
 *
 * Any element of the page with data-frontdesk-ask="question" opens the panel and asks the
 * question when clicked. Script API: window.FrontdeskWidget.open(), .close(), .ask(text).
 *
 * State is kept in localStorage under "frontdesk:<daemon url>:" (session token, thread id,
 * device fingerprint, ratings), so a conversation survives page loads.
 *
 * Message text is only ever placed in the DOM as text nodes (a small Markdown subset is
 * turned into elements by hand); nothing received from the server goes through an HTML
 * parser.
 */
(function () {
  'use strict';
  if (window.FrontdeskWidget) return;

  // captured now: currentScript is null once this synchronous run is over
  var script = document.currentScript || document.querySelector('script[src*="widget.js"]');

  function attr(name) {
    var v = script && script.getAttribute('data-' + name);
    return v == null ? '' : String(v).trim();
  }

  function baseUrl() {
    var raw = attr('frontdesk-url');
    if (raw) {
      try {
        var u = new URL(raw, location.href);
        if (u.protocol === 'http:' || u.protocol === 'https:') return (u.origin + u.pathname).replace(/\/+$/, '');
      } catch (e) { /* falls through to the warning */ }
      console.warn('[frontdesk] ignoring data-frontdesk-url ' + JSON.stringify(raw) + ': not an http(s) URL');
    }
    try { return new URL(script.src, location.href).origin; } catch (e) { return location.origin; }
  }

  function validColor(v) {
    if (!v) return null;
    var shaped = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(v) ||
      /^(?:rgba?|hsla?)\(\s*[-+0-9.%\s,\/a-z]{1,60}\)$/i.test(v) ||
      (/^[a-z]{3,24}$/i.test(v) && !/^(?:inherit|initial|unset|revert|currentcolor|transparent)$/i.test(v));
    if (!shaped || (window.CSS && CSS.supports && !CSS.supports('color', v))) {
      console.warn('[frontdesk] ignoring data-color ' + JSON.stringify(v) + ': not a CSS colour');
      return null;
    }
    return v;
  }

  var BASE = baseUrl();
  var cfg = {
    userToken: attr('user-token'),
    // the WordPress plugin's route for a fresh JWT (the one in the page lives 5 minutes)
    userTokenUrl: attr('user-token-url'),
    wpNonce: attr('wp-nonce'),
    title: attr('title') || 'Chat with us',
    greeting: attr('greeting') || 'Hi! How can we help?',
    left: attr('position').toLowerCase() === 'left',
    color: validColor(attr('color')),
    open: attr('open').toLowerCase() === 'true'
  };

  // ---- storage -------------------------------------------------------------------------
  // localStorage can be missing or throw (privacy modes, blocked storage): an in-memory copy
  // keeps the widget working for the life of the page
  var PREFIX = 'frontdesk:' + BASE + ':';
  var memory = {};
  var store = {
    get: function (k) {
      var v = null;
      try { v = localStorage.getItem(PREFIX + k); } catch (e) { /* memory below */ }
      if (v == null) v = memory[k];
      if (v == null) return null;
      try { return JSON.parse(v); } catch (e) { return null; }
    },
    set: function (k, v) {
      var s = JSON.stringify(v);
      memory[k] = s;
      try { localStorage.setItem(PREFIX + k, s); } catch (e) { /* memory only */ }
    },
    del: function (k) {
      delete memory[k];
      try { localStorage.removeItem(PREFIX + k); } catch (e) { /* memory only */ }
    }
  };

  function randomId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
  }

  var fingerprint = store.get('fingerprint');
  if (typeof fingerprint !== 'string' || !/^[\w-]{8,64}$/.test(fingerprint)) {
    fingerprint = randomId();
    store.set('fingerprint', fingerprint);
  }

  // who the session belongs to, so that logging in or out on the host site never carries
  // one person's conversation over to the next; only the unverified claims are read here
  function identity(jwt) {
    if (!jwt) return 'anonymous';
    try {
      var p = JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      return 'user:' + (p.iss || '') + '|' + (p.sub || '');
    } catch (e) { return 'user:unknown'; }
  }
  var WHO = identity(cfg.userToken);

  // ---- HTTP ----------------------------------------------------------------------------
  function ApiError(status, code, message, retryAfter) {
    var e = new Error(message || code);
    e.name = 'ApiError';
    e.status = status;
    e.code = code;
    e.retryAfter = retryAfter;
    return e;
  }

  function retryAfterSecs(res) {
    var v = (res.headers.get('retry-after') || '').trim();
    if (!v) return null;
    if (/^\d+$/.test(v)) return parseInt(v, 10);
    var t = Date.parse(v);
    return isNaN(t) ? null : Math.max(1, Math.ceil((t - Date.now()) / 1000));
  }

  function toError(res) {
    return res.text().then(function (t) {
      var j = null;
      try { j = JSON.parse(t); } catch (e) { /* not JSON */ }
      var err = j && j.error;
      return ApiError(res.status, (err && err.code) || 'http_' + res.status, (err && err.message) || '', retryAfterSecs(res));
    }, function () { return ApiError(res.status, 'http_' + res.status, '', retryAfterSecs(res)); });
  }

  function request(method, path, o) {
    o = o || {};
    var h = {
      'Accept': o.accept || 'application/json',
      'X-Frontdesk-Client': 'widget',
      'X-Frontdesk-Fingerprint': fingerprint
    };
    if (o.token) h.Authorization = 'Bearer ' + o.token;
    if (o.body !== undefined) h['Content-Type'] = 'application/json';
    if (o.lastEventId) h['Last-Event-ID'] = o.lastEventId;
    return fetch(BASE + path, {
      method: method,
      headers: h,
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
      signal: o.signal,
      credentials: 'omit',
      cache: 'no-store'
    }).catch(function (e) {
      if (e && e.name === 'AbortError') throw e;
      throw ApiError(0, 'network', String(e && e.message || e));
    });
  }

  // ---- session -------------------------------------------------------------------------
  var sessionPending = null;
  var jwtRejected = false;
  var rotateTimer = 0;

  function storedSession() {
    var s = store.get('session');
    return s && typeof s.token === 'string' && s.who === WHO && s.expires > 0 ? s : null;
  }

  function saveSession(j) {
    if (!j || typeof j.token !== 'string' || !j.token) throw ApiError(0, 'bad_session', 'no token in the session response');
    var now = Date.now();
    // expires_in, not expires_at, drives the timing: the visitor's clock may be off
    var life = Number(j.expires_in) * 1000;
    if (!(life > 0)) {
      var at = Date.parse(j.expires_at);
      life = at > now ? at - now : 3600e3;
    }
    var s = { token: j.token, issued: now, expires: now + life, verified: !!j.verified, who: WHO };
    store.set('session', s);
    scheduleRotation(s);
    return s;
  }

  // keeps an open conversation's session alive while the tab sits idle
  function scheduleRotation(s) {
    clearTimeout(rotateTimer);
    var due = s.issued + (s.expires - s.issued) / 2 + 1000 - Date.now();
    rotateTimer = setTimeout(function () {
      if (state.thread) session().catch(function () {});
    }, Math.max(1000, Math.min(due, 2147483000)));
  }

  // seconds until the JWT's exp (unverified: only to decide whether to fetch a new one)
  function jwtLeft(jwt) {
    try {
      var p = JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      return Number(p.exp) - Date.now() / 1000;
    } catch (e) { return 0; }
  }

  // a fresh JWT from the host site when the page's one has (nearly) run out; the page's
  // own token when there is no refresh route or it fails
  function userToken() {
    if (!cfg.userTokenUrl || jwtLeft(cfg.userToken) > 30) return Promise.resolve(cfg.userToken);
    return fetch(cfg.userTokenUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-WP-Nonce': cfg.wpNonce, 'Accept': 'application/json' }
    }).then(function (res) { return res.ok ? res.json() : null; }).then(function (j) {
      // a token for someone else (logged out and in again) is not this page's visitor
      if (j && typeof j.token === 'string' && identity(j.token) === WHO) cfg.userToken = j.token;
      return cfg.userToken;
    }, function () { return cfg.userToken; });
  }

  function newSession(fromToken) {
    if (!fromToken && cfg.userToken && !jwtRejected) {
      return userToken().then(function (jwt) { return openSession(null, jwt); });
    }
    return openSession(fromToken, null);
  }

  function openSession(fromToken, jwt) {
    var body = {};
    if (jwt) body.user_token = jwt;
    return request('POST', '/api/agent/session', { body: body, token: fromToken }).then(function (res) {
      if (res.ok) return res.json().then(saveSession);
      return toError(res).then(function (err) {
        if (fromToken && err.status === 401) return newSession(null);
        if (body.user_token && err.status === 401) {
          // an expired or rejected JWT (a cached page, a key rotation) still gets help,
          // just without the verified identity
          jwtRejected = true;
          console.warn('[frontdesk] the user token was rejected (' + err.code + '); continuing anonymously');
          return newSession(null);
        }
        throw err;
      });
    });
  }

  function session() {
    if (sessionPending) return sessionPending;
    var s = storedSession();
    var now = Date.now();
    var p;
    // a margin for the request in flight, small enough for short test lifetimes
    if (s && now < s.expires - Math.min(30e3, (s.expires - s.issued) / 10)) {
      if (now < s.issued + (s.expires - s.issued) / 2) return Promise.resolve(s);
      // rotation is best effort while the current token still works
      p = newSession(s.token).catch(function () { return s; });
    } else {
      p = newSession(null);
    }
    sessionPending = p.then(function (v) { sessionPending = null; return v; },
      function (e) { sessionPending = null; throw e; });
    return sessionPending;
  }

  function dropSession(token) {
    var s = store.get('session');
    if (s && s.token === token) store.del('session');
  }

  // an authenticated call; a rejected token (expired, revoked, from a restarted daemon) is
  // replaced by a fresh session once, and non-2xx answers become ApiErrors
  function api(method, path, o) {
    o = o || {};
    var tok;
    function go() {
      return session().then(function (s) {
        tok = s.token;
        return request(method, path, Object.assign({}, o, { token: tok }));
      });
    }
    return go().then(function (res) {
      if (res.status !== 401) return res;
      return toError(res).then(function () { dropSession(tok); return go(); });
    }).then(function (res) {
      if (res.ok) return res;
      return toError(res).then(function (e) { throw e; });
    });
  }

  // ---- server-sent events over fetch ---------------------------------------------------
  // EventSource cannot send an Authorization header, hence this reader
  function readEvents(res, onEvent) {
    var state = { retry: 0 };
    var buf = '', data = [], type = '', lastId = null;
    function dispatch() {
      if (data.length) onEvent(type || 'message', data.join('\n'), lastId);
      data = [];
      type = '';
    }
    function line(l) {
      if (l === '') return dispatch();
      if (l.charAt(0) === ':') return;
      var c = l.indexOf(':');
      var field = c < 0 ? l : l.slice(0, c);
      var val = c < 0 ? '' : l.slice(c + 1);
      if (val.charAt(0) === ' ') val = val.slice(1);
      if (field === 'event') type = val;
      else if (field === 'data') data.push(val);
      else if (field === 'id') { if (val.indexOf('\0') < 0) lastId = val; }
      else if (field === 'retry' && /^\d+$/.test(val)) state.retry = parseInt(val, 10);
    }
    function feed(chunk, done) {
      buf += chunk;
      var m, re = /\r\n|\r|\n/g;
      var start = 0;
      while ((m = re.exec(buf))) {
        // a lone CR at the end may be the first half of a CRLF split across chunks
        if (m[0] === '\r' && m.index === buf.length - 1 && !done) break;
        line(buf.slice(start, m.index));
        start = m.index + m[0].length;
      }
      buf = buf.slice(start);
      if (done) {
        if (buf) line(buf);
        buf = '';
        dispatch();
      }
    }
    if (!res.body || !res.body.getReader) {
      return res.text().then(function (t) { feed(t, true); return state; });
    }
    var reader = res.body.getReader();
    var dec = new TextDecoder();
    function pump() {
      return reader.read().then(function (r) {
        if (r.done) { feed(dec.decode(), true); return state; }
        feed(dec.decode(r.value, { stream: true }), false);
        return pump();
      });
    }
    return pump();
  }

  function parseJson(s) {
    try { return JSON.parse(s); } catch (e) { return null; }
  }

  // ---- DOM helpers ---------------------------------------------------------------------
  function el(tag, props, kids) {
    var e = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        var v = props[k];
        if (v == null || v === false) return;
        if (k === 'text') e.textContent = v;
        else if (k === 'class') e.className = v;
        else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), v);
        else e.setAttribute(k, v === true ? '' : String(v));
      });
    }
    [].concat(kids == null ? [] : kids).forEach(function (c) {
      if (c != null) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }

  function safeUrl(u) {
    if (typeof u !== 'string' || !/^https?:\/\/\S/i.test(u)) return null;
    try {
      var p = new URL(u);
      return p.protocol === 'http:' || p.protocol === 'https:' ? p.href : null;
    } catch (e) { return null; }
  }

  function anchor(href, text) {
    return el('a', { href: href, target: '_blank', rel: 'noopener noreferrer', text: text });
  }

  // ---- Markdown subset -----------------------------------------------------------------
  // [text](url) starting at s[i] === '[', or null when it is not one
  function linkAt(s, i) {
    var depth = 0, j = i;
    for (; j < s.length; j++) {
      var ch = s.charAt(j);
      if (ch === '\\') { j++; continue; }
      if (ch === '[') depth++;
      else if (ch === ']' && --depth === 0) break;
    }
    if (j >= s.length || s.charAt(j + 1) !== '(') return null;
    var k = j + 2, par = 0;
    for (; k < s.length; k++) {
      var c = s.charAt(k);
      if (/\s/.test(c)) return null;
      if (c === '(') par++;
      else if (c === ')') { if (par === 0) break; par--; }
    }
    if (k >= s.length) return null;
    return { text: s.slice(i + 1, j), url: s.slice(j + 2, k), end: k + 1 };
  }

  function inline(s, into, inLink) {
    var text = '';
    function flush() { if (text) { into.appendChild(document.createTextNode(text)); text = ''; } }
    function put(node) { flush(); into.appendChild(node); }
    var i = 0, j, L;
    while (i < s.length) {
      var c = s.charAt(i), n = s.charAt(i + 1);
      if (c === '\\' && n && /[\\`*_\[\]()!#<>~-]/.test(n)) { text += n; i += 2; continue; }
      if (c === '`') {
        j = s.indexOf('`', i + 1);
        if (j > i + 1) { put(el('code', { text: s.slice(i + 1, j) })); i = j + 1; continue; }
      }
      if (c === '*' && n === '*') {
        j = s.indexOf('**', i + 2);
        if (j > i + 2 && !/\s/.test(s.charAt(i + 2)) && !/\s/.test(s.charAt(j - 1))) {
          var b = el('strong');
          inline(s.slice(i + 2, j), b, inLink);
          put(b);
          i = j + 2;
          continue;
        }
      } else if (c === '*' && n && !/\s/.test(n)) {
        j = s.indexOf('*', i + 2);
        if (j > 0 && !/\s/.test(s.charAt(j - 1)) && s.charAt(j + 1) !== '*') {
          var em = el('em');
          inline(s.slice(i + 1, j), em, inLink);
          put(em);
          i = j + 1;
          continue;
        }
      }
      // images are never loaded: the whole ![alt](url) stays literal text
      if (c === '!' && n === '[' && (L = linkAt(s, i + 1))) { text += s.slice(i, L.end); i = L.end; continue; }
      if (c === '[' && !inLink && (L = linkAt(s, i))) {
        var href = safeUrl(L.url);
        if (href && L.text) {
          var a = anchor(href, '');
          inline(L.text, a, true);
          put(a);
        } else {
          text += s.slice(i, L.end);
        }
        i = L.end;
        continue;
      }
      if (!inLink && (c === 'h' || c === 'H') && (i === 0 || !/[\w\/.@:-]/.test(s.charAt(i - 1)))) {
        var m = /^https?:\/\/[^\s<>"'`]+/i.exec(s.slice(i));
        if (m) {
          var url = m[0];
          // sentence punctuation and an unbalanced closing bracket belong to the text
          while (/[.,;:!?'")\]]$/.test(url)) {
            var last = url.slice(-1);
            if (last === ')' && (url.split('(').length > url.split(')').length - 1)) break;
            url = url.slice(0, -1);
          }
          var h2 = safeUrl(url);
          if (h2) { put(anchor(h2, url)); i += url.length; continue; }
        }
      }
      text += c;
      i++;
    }
    flush();
  }

  function markdown(src, into) {
    var lines = String(src == null ? '' : src).replace(/\r\n?/g, '\n').split('\n');
    var para = null, list = null, item = null;
    lines.forEach(function (raw) {
      var l = raw.replace(/\s+$/, '');
      if (!l.trim()) { para = list = item = null; return; }
      var ul = /^\s{0,3}[-*+\u2022]\s+(.*)$/.exec(l);
      var ol = !ul && /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/.exec(l);
      if (ul || ol) {
        var tag = ul ? 'UL' : 'OL';
        if (!list || list.tagName !== tag) {
          list = el(tag.toLowerCase());
          if (ol && parseInt(ol[1], 10) !== 1) list.setAttribute('start', String(parseInt(ol[1], 10)));
          into.appendChild(list);
        }
        para = null;
        item = el('li');
        inline(ul ? ul[1] : ol[2], item);
        list.appendChild(item);
        return;
      }
      if (item && /^\s/.test(raw)) { item.appendChild(el('br')); inline(l.trim(), item); return; }
      list = item = null;
      if (para) para.appendChild(el('br'));
      else { para = el('p'); into.appendChild(para); }
      inline(l.trim(), para);
    });
  }

  // ---- styles --------------------------------------------------------------------------
  var CSS_TEXT = [
    ':host{all:initial}',
    '*,*::before,*::after{box-sizing:border-box}',
    '[hidden]{display:none!important}',
    '.fd-root{--fd-accent:#2f6b55;--fd-on-accent:#fff;position:fixed;bottom:20px;right:20px;z-index:2147483000;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1f2328;text-align:left;direction:ltr}',
    '.fd-left{right:auto;left:20px}',
    'button{font:inherit;color:inherit;margin:0}',
    '.fd-launcher{display:flex;align-items:center;justify-content:center;width:58px;height:58px;border-radius:50%;border:0;background:var(--fd-accent);color:var(--fd-on-accent);cursor:pointer;box-shadow:0 6px 20px rgba(0,0,0,.25);padding:0}',
    '.fd-left .fd-launcher{margin-right:auto}',
    '.fd-icon{position:relative;display:block;width:26px;height:20px;border:2.5px solid currentColor;border-radius:9px}',
    '.fd-icon::after{content:"";position:absolute;left:4px;bottom:-8px;border:4px solid transparent;border-top-color:currentColor;border-left-color:currentColor}',
    '.fd-x{display:none;font-size:30px;line-height:1}',
    '.fd-open .fd-icon{display:none}.fd-open .fd-x{display:block}',
    '.fd-panel{position:absolute;bottom:74px;right:0;width:372px;height:min(620px,calc(100vh - 110px));display:flex;flex-direction:column;background:#fff;border:1px solid rgba(0,0,0,.1);border-radius:14px;box-shadow:0 14px 44px rgba(0,0,0,.28);overflow:hidden}',
    '.fd-left .fd-panel{right:auto;left:0}',
    '.fd-header{display:flex;align-items:center;gap:6px;padding:10px 8px 10px 14px;background:var(--fd-accent);color:var(--fd-on-accent)}',
    '.fd-title{flex:1;min-width:0;margin:0;font-size:15px;font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}',
    '.fd-handoff{flex:none;background:transparent;border:1px solid currentColor;border-radius:999px;padding:3px 9px;font-size:12.5px;cursor:pointer}',
    '.fd-handoff:disabled{opacity:.6;cursor:default}',
    '.fd-close{flex:none;width:34px;height:34px;background:transparent;border:0;border-radius:8px;font-size:24px;line-height:1;cursor:pointer}',
    '.fd-header button:hover{background:rgba(255,255,255,.16)}',
    '.fd-status{padding:8px 16px;font-size:13px;background:#fff6dc;color:#5a4300;border-bottom:1px solid #efdda6}',
    '.fd-status[data-status=human]{background:#e9f1ff;color:#1d3f7a;border-color:#bfd2f5}',
    '.fd-log{flex:1;min-height:0;overflow-y:auto;overscroll-behavior:contain;padding:16px 14px;display:flex;flex-direction:column;gap:10px;background:#f6f6f7}',
    '.fd-msg{display:flex;flex-direction:column;align-items:flex-start;max-width:88%}',
    '.fd-user{align-self:flex-end;align-items:flex-end}',
    '.fd-bubble{padding:9px 12px;border-radius:14px;background:#fff;border:1px solid #e1e2e5;overflow-wrap:anywhere;max-width:100%}',
    '.fd-assistant .fd-bubble,.fd-greeting .fd-bubble{border-bottom-left-radius:4px}',
    '.fd-user .fd-bubble{background:var(--fd-accent);color:var(--fd-on-accent);border-color:transparent;border-bottom-right-radius:4px}',
    '.fd-human .fd-bubble{background:#eaf1ff;border-color:#b7cbf2;border-left:4px solid #3565c8;border-bottom-left-radius:4px}',
    '.fd-who{font-size:12px;font-weight:600;color:#3565c8;margin:0 4px 3px}',
    '.fd-body p{margin:0 0 .55em}.fd-body p:last-child,.fd-body ul:last-child,.fd-body ol:last-child{margin-bottom:0}',
    '.fd-body ul,.fd-body ol{margin:.2em 0 .55em;padding-left:1.35em}',
    '.fd-body code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em;background:rgba(0,0,0,.07);padding:1px 4px;border-radius:4px}',
    '.fd-user .fd-body code{background:rgba(255,255,255,.22)}',
    'a{color:#0b57d0;text-decoration:underline}.fd-user a{color:inherit}',
    '.fd-sources{margin-top:8px;padding-top:6px;border-top:1px solid #ececef;font-size:13px}',
    '.fd-sources-label{color:#59606a}',
    '.fd-sources ul{margin:2px 0 0;padding-left:1.15em}',
    '.fd-feedback{display:flex;gap:4px;margin:3px 2px 0}',
    // drawn in CSS: emoji fonts are missing on some systems and SVG would be markup
    '.fd-thumb{display:inline-flex;align-items:center;justify-content:center;width:30px;height:26px;border:1px solid transparent;background:transparent;border-radius:7px;padding:0;cursor:pointer;color:#6b717a}',
    '.fd-thumb:hover{color:#1f2328;background:#e9eaed}',
    '.fd-thumb[aria-pressed=true]{color:#0b57d0;background:#e3edff;border-color:#93b4ee}',
    '.fd-hand{position:relative;display:block;width:9px;height:8px;margin:5px 0 0 4px;border:1.6px solid currentColor;border-radius:1px 3px 3px 1px}',
    '.fd-hand::before{content:"";position:absolute;left:-5.6px;top:0;width:3px;height:8px;border:1.6px solid currentColor;border-radius:1px;box-sizing:content-box;top:-1.6px}',
    '.fd-hand::after{content:"";position:absolute;left:-1.6px;top:-7px;width:4px;height:6px;border:1.6px solid currentColor;border-bottom:0;border-radius:3px 3px 0 0;box-sizing:content-box}',
    '.fd-thumb[aria-pressed=true] .fd-hand,.fd-thumb[aria-pressed=true] .fd-hand::before{background:currentColor}',
    '.fd-thumb-down .fd-hand{transform:rotate(180deg);margin:0 4px 5px 0}',
    '.fd-notice{align-self:center;max-width:92%;text-align:center;font-size:13px;color:#555b64}',
    '.fd-error{color:#9b230b;background:#fdece8;border-radius:8px;padding:6px 10px}',
    '.fd-typing .fd-bubble{display:flex;align-items:center;gap:8px;color:#59606a;font-size:13px}',
    '.fd-dots{display:inline-flex;gap:4px}',
    '.fd-dots i{width:7px;height:7px;border-radius:50%;background:#9aa0a8;animation:fd-blink 1.2s infinite ease-in-out}',
    '.fd-dots i:nth-child(2){animation-delay:.2s}.fd-dots i:nth-child(3){animation-delay:.4s}',
    '@keyframes fd-blink{0%,80%,100%{opacity:.25;transform:translateY(0)}40%{opacity:1;transform:translateY(-3px)}}',
    '.fd-composer{display:flex;align-items:flex-end;gap:8px;padding:10px;border-top:1px solid #e1e2e5;background:#fff;margin:0}',
    '.fd-input{flex:1;min-width:0;resize:none;font:inherit;color:inherit;background:#fff;border:1px solid #c5c8ce;border-radius:10px;padding:8px 10px;min-height:40px;max-height:130px;margin:0}',
    '.fd-send{flex:none;height:40px;padding:0 15px;border:0;border-radius:10px;background:var(--fd-accent);color:var(--fd-on-accent);font-weight:600;cursor:pointer}',
    '.fd-send:disabled{opacity:.5;cursor:default}',
    '.fd-sr{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}',
    'button:focus-visible,textarea:focus-visible,a:focus-visible,.fd-log:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}',
    '.fd-launcher:focus-visible{outline-offset:3px}',
    '.fd-header button:focus-visible{outline-color:currentColor;outline-offset:1px}',
    '@media (max-width:480px){.fd-root{bottom:14px;right:14px}.fd-left{left:14px}' +
      '.fd-panel{position:fixed;inset:0;width:auto;height:100%;max-height:none;border:0;border-radius:0}' +
      '.fd-open .fd-launcher{display:none}.fd-input{font-size:16px}.fd-msg{max-width:92%}}',
    '@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}'
  ].join('\n');

  // ---- state ---------------------------------------------------------------------------
  var state = {
    thread: null,
    status: 'bot',
    assignee: null,
    open: false,
    busy: false,
    cooldownUntil: 0,
    seen: {},
    deferred: [],
    history: Promise.resolve()
  };
  var ui = {};
  var events = null;

  function threadPath(id, suffix) {
    return '/api/agent/thread/' + encodeURIComponent(id) + (suffix || '');
  }

  function setThread(id) {
    if (!id || id === state.thread) return;
    state.thread = String(id);
    store.set('thread', state.thread);
    unsubscribe();
    subscribe();
  }

  function forgetThread() {
    state.thread = null;
    store.del('thread');
    store.del('ratings');
    unsubscribe();
    applyStatus({ status: 'bot' }, false);
  }

  // ---- rendering -----------------------------------------------------------------------
  function nearBottom() {
    var l = ui.log;
    return l.scrollHeight - l.scrollTop - l.clientHeight < 80;
  }

  function toBottom(force, wasNear) {
    if (force || wasNear) ui.log.scrollTop = ui.log.scrollHeight;
  }

  function append(node, force) {
    var near = nearBottom();
    if (ui.typing && ui.typing.parentNode === ui.log && node !== ui.typing) ui.log.insertBefore(node, ui.typing);
    else ui.log.appendChild(node);
    toBottom(force, near);
    return node;
  }

  function markSeen(msgEl, id) {
    if (!id) return;
    id = String(id);
    state.seen[id] = true;
    msgEl.setAttribute('data-id', id);
  }

  function who(text, hidden) {
    return el('div', { class: hidden ? 'fd-sr' : 'fd-who', text: text });
  }

  function message(role, content, o) {
    o = o || {};
    var cls = role === 'human_agent' ? 'fd-human' : role === 'greeting' ? 'fd-greeting' : 'fd-' + role;
    var body = el('div', { class: 'fd-body' });
    var bubble = el('div', { class: 'fd-bubble' }, body);
    var label = role === 'user' ? who('You said:', true)
      : role === 'human_agent' ? who(o.name || 'Support team')
      : who(cfg.title + ':', true);
    var m = el('div', { class: 'fd-msg ' + cls, 'data-role': role }, [label, bubble]);
    markdown(content, body);
    if (o.citations) citations(bubble, o.citations);
    if (o.id) markSeen(m, o.id);
    if (role === 'assistant' && o.id) feedback(m, String(o.id));
    return m;
  }

  function setBody(msgEl, text) {
    var body = msgEl.querySelector('.fd-body');
    body.textContent = '';
    markdown(text, body);
  }

  function citations(bubble, list) {
    if (!Array.isArray(list) || !list.length) return;
    var seen = {};
    var ul = el('ul');
    list.forEach(function (c) {
      if (!c || typeof c !== 'object') return;
      var href = safeUrl(typeof c.url === 'string' ? c.url : '');
      var title = String(c.title || c.section || (href ? new URL(href).hostname : '') || '').trim();
      if (!title) return;
      var key = href || title;
      if (seen[key]) return;
      seen[key] = true;
      ul.appendChild(el('li', null, href ? anchor(href, title) : el('span', { text: title })));
    });
    if (ul.childNodes.length) {
      bubble.appendChild(el('div', { class: 'fd-sources' }, [el('span', { class: 'fd-sources-label', text: 'Sources' }), ul]));
    }
  }

  function notice(text, isError, code, beforeNode) {
    var n = el('div', {
      class: 'fd-notice' + (isError ? ' fd-error' : ''),
      'data-role': 'notice',
      'data-code': code || null,
      text: text
    });
    if (beforeNode && beforeNode.parentNode === ui.log) { ui.log.insertBefore(n, beforeNode); return n; }
    return append(n);
  }

  function showTyping(label) {
    if (!ui.typing) {
      ui.typingLabel = el('span', { class: 'fd-typing-label' });
      ui.typing = el('div', { class: 'fd-msg fd-assistant fd-typing', 'data-role': 'typing' },
        el('div', { class: 'fd-bubble' }, [
          el('span', { class: 'fd-dots', 'aria-hidden': 'true' }, [el('i'), el('i'), el('i')]),
          ui.typingLabel
        ]));
    }
    ui.typingLabel.textContent = label || 'Typing\u2026';
    if (ui.typing.parentNode !== ui.log) append(ui.typing, true);
  }

  function hideTyping() {
    if (ui.typing && ui.typing.parentNode) ui.typing.parentNode.removeChild(ui.typing);
  }

  var STAGES = { plan: 'Thinking\u2026', tool_loop: 'Looking that up\u2026', draft: 'Writing\u2026', guardrail: 'Checking the answer\u2026' };

  // ---- feedback ------------------------------------------------------------------------
  function ratings() {
    var r = store.get('ratings');
    return r && r.thread === state.thread && r.map ? r : { thread: state.thread, map: {} };
  }

  function feedback(msgEl, id) {
    var saved = ratings().map[id];
    function thumb(kind, label, on) {
      return el('button', { type: 'button', class: 'fd-thumb fd-thumb-' + kind, 'aria-label': label, title: label, 'aria-pressed': on ? 'true' : 'false' },
        el('span', { class: 'fd-hand', 'aria-hidden': 'true' }));
    }
    var up = thumb('up', 'Helpful', saved === 'up');
    var down = thumb('down', 'Not helpful', saved === 'down');
    function press(rating) {
      up.setAttribute('aria-pressed', rating === 'up' ? 'true' : 'false');
      down.setAttribute('aria-pressed', rating === 'down' ? 'true' : 'false');
    }
    function rate(rating) {
      var before = up.getAttribute('aria-pressed') === 'true' ? 'up' : down.getAttribute('aria-pressed') === 'true' ? 'down' : null;
      if (before === rating || !state.thread) return;
      press(rating);
      api('POST', '/api/agent/feedback', { body: { thread_id: state.thread, message_id: id, rating: rating, tags: [] } })
        .then(function () {
          var r = ratings();
          r.map[id] = rating;
          var keys = Object.keys(r.map);
          if (keys.length > 200) delete r.map[keys[0]];
          store.set('ratings', r);
        }, function (e) {
          press(before);
          notice(friendly(e), true, e.code);
        });
    }
    up.addEventListener('click', function () { rate('up'); });
    down.addEventListener('click', function () { rate('down'); });
    msgEl.appendChild(el('div', { class: 'fd-feedback', role: 'group', 'aria-label': 'Was this answer helpful?' }, [up, down]));
  }

  // ---- status and handoff --------------------------------------------------------------
  function assigneeName(a) {
    if (!a) return null;
    if (typeof a === 'string') return a;
    return typeof a.name === 'string' ? a.name : typeof a.display_name === 'string' ? a.display_name : null;
  }

  function applyStatus(st, announce) {
    if (!st || typeof st.status !== 'string') return;
    var s = st.status, prev = state.status, prevName = state.assignee;
    var name = assigneeName(st.assignee);
    if (name) state.assignee = name;
    state.status = s;
    var pos = Number(st.position);
    var text = '';
    if (s === 'waiting_human') text = 'Waiting for a person' + (pos >= 1 && pos % 1 === 0 ? ' (position ' + pos + ')' : '');
    else if (s === 'human') text = (state.assignee || 'Someone from our team') + ' has joined';
    else if (s === 'resolved') text = 'This conversation is marked as resolved. Write again any time.';
    ui.status.textContent = text;
    ui.status.setAttribute('data-status', s);
    ui.status.hidden = !text;
    if (announce && s === 'human' && (prev !== 'human' || (name && name !== prevName))) {
      notice((state.assignee || 'Someone from our team') + ' has joined the conversation');
    }
    var hide = s === 'waiting_human' || s === 'human';
    // a button that hides itself would drop keyboard focus onto the page
    if (hide && ui.handoff.getRootNode().activeElement === ui.handoff) ui.input.focus();
    ui.handoff.hidden = hide;
  }

  function handoff() {
    if (state.busy) return;
    // the button is disabled, then hidden, while the request runs; the message box is next anyway
    ui.input.focus();
    if (!state.thread) {
      // no conversation yet: asking in words lets the agent route it like any other request
      send('I\u2019d like to talk to a person.');
      return;
    }
    ui.handoff.disabled = true;
    state.history.then(function () {
      return api('POST', '/api/agent/handoff', { body: { thread_id: state.thread } });
    }).then(function (res) {
      return res.json().catch(function () { return {}; });
    }).then(function (j) {
      j = j || {};
      applyStatus({
        status: j.thread_status || j.status || 'waiting_human',
        position: j.position != null ? j.position : j.handoff && j.handoff.position,
        assignee: j.assignee
      }, true);
      // what the customer is told happens next
      if (typeof j.message === 'string' && j.message.trim()) notice(j.message, false, 'handoff');
      subscribe();
    }, function (e) {
      if (e.code === 'thread_not_found') { forgetThread(); send('I\u2019d like to talk to a person.'); return; }
      notice(friendly(e), true, e.code);
    }).then(function () { ui.handoff.disabled = false; });
  }

  // a message from history or the thread events stream
  function incoming(m, fromHistory) {
    if (!m || typeof m !== 'object' || typeof m.content !== 'string') return;
    if (m.id != null && state.seen[String(m.id)]) return;
    var role = m.role;
    if (role !== 'user' && role !== 'assistant' && role !== 'human_agent') return;
    if (!fromHistory && state.busy && role !== 'human_agent') {
      // the turn in flight will render its own messages; anything else waits for it
      state.deferred.push(m);
      return;
    }
    var name = role === 'human_agent'
      ? (typeof m.author_name === 'string' && m.author_name) || assigneeName(m.author) || (typeof m.name === 'string' && m.name) || state.assignee
      : null;
    append(message(role, m.content, { id: m.id, citations: m.citations, name: name }), !fromHistory && role === 'human_agent');
  }

  // a person's typing indicator; the bot's own turn has its own
  var typingTimer = 0;
  function personTyping(on, d) {
    clearTimeout(typingTimer);
    if (state.busy) return;
    if (!on) { hideTyping(); return; }
    var name = (d && (assigneeName(d.author) || assigneeName(d.name))) || state.assignee || 'Someone from our team';
    showTyping(name + ' is typing\u2026');
    // a missed "stopped typing" must not leave the dots up for good
    typingTimer = setTimeout(hideTyping, 8000);
  }

  // ---- thread events -------------------------------------------------------------------
  function sleep(ms, signal) {
    return new Promise(function (resolve) {
      var t = setTimeout(resolve, ms);
      signal.addEventListener('abort', function () { clearTimeout(t); resolve(); }, { once: true });
    });
  }

  function subscribe() {
    if (!state.open || !state.thread || events) return;
    var me = events = { ctrl: new AbortController(), thread: state.thread, lastId: null, delay: 1000 };
    var signal = me.ctrl.signal;
    function alive() { return events === me && !signal.aborted; }
    function loop() {
      if (!alive()) return;
      var opened = 0, got = false;
      state.history.then(function () {
        if (!alive()) return null;
        return api('GET', threadPath(me.thread, '/events'), { accept: 'text/event-stream', signal: signal, lastEventId: me.lastId });
      }).then(function (res) {
        if (!res) return null;
        opened = Date.now();
        return readEvents(res, function (type, data, id) {
          if (id) me.lastId = id;
          got = true;
          var d = parseJson(data);
          if (!d || me.thread !== state.thread) return;
          if (type === 'status') applyStatus(d, true);
          else if (type === 'message') { personTyping(false); incoming(d.message && typeof d.message === 'object' ? d.message : d); }
          else if (type === 'typing') personTyping(d.typing !== false && d.active !== false, d);
        });
      }).then(function (r) {
        if (r && r.retry) me.base = r.retry;
        return true;
      }, function (e) {
        if (signal.aborted) return false;
        // a gone thread or a refused subscription does not get better by retrying
        if (e && (e.code === 'thread_not_found' || e.status === 403 || e.status === 404 || e.status === 400)) {
          if (events === me) events = null;
          return false;
        }
        return true;
      }).then(function (again) {
        if (!again || !alive()) return;
        // a connection that lasted or delivered something resets the backoff
        if (got || (opened && Date.now() - opened > 15000)) me.delay = me.base || 1000;
        var wait = me.delay * (0.75 + Math.random() * 0.5);
        me.delay = Math.min(me.delay * 2, 30000);
        sleep(wait, signal).then(loop);
      });
    }
    loop();
  }

  function unsubscribe() {
    if (events) { events.ctrl.abort(); events = null; }
  }

  // ---- errors --------------------------------------------------------------------------
  function plural(n, one) { return n + ' ' + one + (n === 1 ? '' : 's'); }

  function friendly(e) {
    var wait = e && e.retryAfter;
    switch (e && e.code) {
      case 'rate_limited':
        return 'You\u2019re sending messages too quickly \u2014 please wait ' + (wait ? plural(wait, 'second') : 'a few seconds') + '.';
      case 'thread_limit':
        return 'Too many new conversations were started from your network \u2014 please try again in ' +
          (wait ? (wait > 90 ? plural(Math.ceil(wait / 60), 'minute') : plural(wait, 'second')) : 'a while') + '.';
      case 'message_too_long': return 'That message is too long \u2014 please shorten it and try again.';
      case 'empty_message': return 'Please type a message first.';
      case 'network': return 'We can\u2019t reach the help desk right now \u2014 please check your connection and try again.';
      case 'interrupted': return 'The answer was interrupted \u2014 please try again.';
      case 'unavailable': return 'The help desk is briefly unavailable \u2014 please try again in a minute.';
      default: return 'Sorry, something went wrong \u2014 please try again.';
    }
  }

  function cooldown(secs) {
    state.cooldownUntil = Date.now() + secs * 1000;
    syncSend();
    setTimeout(syncSend, secs * 1000 + 50);
  }

  // ---- sending -------------------------------------------------------------------------
  function join(a, b) {
    if (!a) return b;
    return /\s$/.test(a) || /^\s/.test(b) ? a + b : a + ' ' + b;
  }

  function turn(text, userEl) {
    var body = { user_msg: text };
    if (state.thread) body.thread_id = state.thread;
    return api('POST', '/api/agent/messages', { body: body, accept: 'text/event-stream' }).then(function (res) {
      if (!/text\/event-stream/i.test(res.headers.get('content-type') || '')) {
        return res.json().then(function (d) { finish(d, userEl, null); });
      }
      var bubble = null, acc = '', deltas = 0, done = false, failure = null;
      return readEvents(res, function (type, data) {
        var d = parseJson(data);
        if (!d || done) return;
        if (type === 'meta') {
          if (d.thread_id) setThread(d.thread_id);
          markSeen(userEl, d.user_message_id);
        } else if (type === 'status') {
          if (!bubble && STAGES[d.state]) showTyping(STAGES[d.state]);
        } else if (type === 'delta' && typeof d.text === 'string') {
          if (!bubble) {
            hideTyping();
            bubble = append(message('assistant', ''));
            bubble.setAttribute('data-state', 'streaming');
          }
          var near = nearBottom();
          acc = join(acc, d.text);
          bubble.setAttribute('data-deltas', String(++deltas));
          setBody(bubble, acc);
          toBottom(false, near);
        } else if (type === 'reset') {
          // the answer is being replaced (another model, or a guardrail): drop what showed
          acc = '';
          if (bubble) setBody(bubble, acc);
        } else if (type === 'done') {
          done = true;
          finish(d, userEl, bubble);
        } else if (type === 'error') {
          var er = d.error || {};
          failure = ApiError(0, er.code || 'internal', er.message || '', er.retry_after || null);
        }
      }).then(function () {
        if (done) return;
        if (bubble) bubble.setAttribute('data-state', 'partial');
        throw failure || ApiError(0, 'interrupted', 'the stream ended before the answer was complete');
      });
    });
  }

  function finish(d, userEl, bubble) {
    if (d.thread_id) setThread(d.thread_id);
    markSeen(userEl, d.user_message_id);
    var answer = typeof d.answer === 'string' ? d.answer : '';
    hideTyping();
    if (answer.trim()) {
      var fresh = message('assistant', answer, { id: d.message_id, citations: d.citations });
      fresh.setAttribute('data-state', 'done');
      if (bubble) {
        fresh.setAttribute('data-deltas', bubble.getAttribute('data-deltas') || '0');
        var near = nearBottom();
        bubble.parentNode.replaceChild(fresh, bubble);
        toBottom(false, near);
      } else {
        fresh.setAttribute('data-deltas', '0');
        append(fresh);
      }
    } else if (bubble && bubble.parentNode) {
      bubble.parentNode.removeChild(bubble);
    }
    applyStatus({ status: d.thread_status, position: d.handoff && d.handoff.position }, true);
    if (d.ticket_number != null && answer.indexOf(String(d.ticket_number)) < 0) {
      notice('We opened ticket #' + d.ticket_number + ' for you; the team will follow up by email.');
    }
  }

  function setBusy(b) {
    state.busy = b;
    ui.log.setAttribute('aria-busy', b ? 'true' : 'false');
    ui.panel.setAttribute('data-busy', b ? 'true' : 'false');
    ui.handoff.disabled = b;
    syncSend();
  }

  function syncSend() {
    ui.send.disabled = state.busy || Date.now() < state.cooldownUntil;
  }

  function send(raw) {
    var text = String(raw == null ? '' : raw).trim();
    if (!text || state.busy) return false;
    if (Date.now() < state.cooldownUntil) {
      if (!ui.input.value.trim()) ui.input.value = text;
      return false;
    }
    setBusy(true);
    var userEl = append(message('user', text), true);
    showTyping();
    var restarted = false;
    function attempt() {
      return turn(text, userEl).catch(function (e) {
        // the stored thread is gone (expired session, deleted): start a new conversation once
        if (e && e.code === 'thread_not_found' && state.thread && !restarted && !userEl.getAttribute('data-id')) {
          restarted = true;
          forgetThread();
          notice('Your earlier conversation has expired, so this starts a new one.', false, 'restarted', userEl);
          return attempt();
        }
        throw e;
      });
    }
    state.history.then(attempt).catch(function (e) {
      if (e && e.name === 'AbortError') return;
      if (!userEl.getAttribute('data-id')) {
        // never stored: give the text back so nothing typed is lost
        userEl.parentNode && userEl.parentNode.removeChild(userEl);
        if (!ui.input.value.trim()) { ui.input.value = text; autosize(); }
      }
      if (e && (e.code === 'rate_limited' || e.code === 'thread_limit')) cooldown(e.retryAfter || 10);
      if (!e || !e.code || e.code === 'internal' || /^http_/.test(e.code)) console.warn('[frontdesk] sending failed', e);
      notice(friendly(e), true, e && e.code);
    }).then(function () {
      hideTyping();
      setBusy(false);
      var later = state.deferred;
      state.deferred = [];
      later.forEach(function (m) { incoming(m); });
    });
    return true;
  }

  // ---- history -------------------------------------------------------------------------
  function loadHistory() {
    var id = state.thread;
    return api('GET', threadPath(id, '?limit=100')).then(function (res) { return res.json(); }).then(function (j) {
      if (id !== state.thread || !j) return;
      var msgs = Array.isArray(j.messages) ? j.messages.slice() : [];
      if (msgs.every(function (m) { return m && !isNaN(Date.parse(m.created_at)); })) {
        msgs.sort(function (a, b) { return Date.parse(a.created_at) - Date.parse(b.created_at); });
      }
      msgs.forEach(function (m) { incoming(m, true); });
      applyStatus({ status: j.status, assignee: j.assignee, position: j.position != null ? j.position : j.handoff && j.handoff.position }, false);
      toBottom(true);
    }, function (e) {
      if (id !== state.thread) return;
      if (e && e.status === 404) forgetThread();
      else notice('We couldn\u2019t load your earlier messages.', true, e && e.code);
    });
  }

  // ---- UI ------------------------------------------------------------------------------
  function autosize() {
    var t = ui.input;
    t.style.height = 'auto';
    t.style.height = Math.min(t.scrollHeight + 2, 130) + 'px';
  }

  function open() {
    if (state.open) { ui.input.focus(); return; }
    state.open = true;
    ui.panel.hidden = false;
    ui.root.classList.add('fd-open');
    ui.launcher.setAttribute('aria-expanded', 'true');
    ui.launcher.setAttribute('aria-label', 'Close chat');
    toBottom(true);
    ui.input.focus();
    subscribe();
  }

  function close() {
    if (!state.open) return;
    state.open = false;
    ui.panel.hidden = true;
    ui.root.classList.remove('fd-open');
    ui.launcher.setAttribute('aria-expanded', 'false');
    ui.launcher.setAttribute('aria-label', 'Open chat: ' + cfg.title);
    unsubscribe();
    ui.launcher.focus();
  }

  function ask(text) {
    open();
    if (!send(text) && !ui.input.value.trim()) {
      ui.input.value = String(text || '');
      autosize();
    }
  }

  function contrastText(root) {
    // resolve any accepted colour form to rgb() to pick readable text on it
    var probe = el('span', { class: 'fd-sr' });
    probe.style.color = cfg.color;
    root.appendChild(probe);
    var m = /rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)/.exec(getComputedStyle(probe).color);
    root.removeChild(probe);
    if (!m) return '#fff';
    var lum = [m[1], m[2], m[3]].map(function (v) {
      v = v / 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    var L = 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2];
    return L > 0.4 ? '#1f2328' : '#fff';
  }

  function build() {
    var host = el('div', { id: 'frontdesk-widget', 'data-frontdesk': 'widget' });
    // the host element is the one part the page's CSS can still reach
    host.style.cssText = 'all:initial!important;display:block!important';
    var shadow = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
    // a constructed sheet is not subject to the host page's CSP for inline <style>
    var sheetDone = false;
    if (shadow !== host && 'adoptedStyleSheets' in shadow && window.CSSStyleSheet) {
      try {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS_TEXT);
        shadow.adoptedStyleSheets = [sheet];
        sheetDone = true;
      } catch (e) { /* falls back to a <style> element */ }
    }
    if (!sheetDone) shadow.appendChild(el('style', { text: CSS_TEXT }));

    ui.launcher = el('button', {
      type: 'button', class: 'fd-launcher', 'aria-label': 'Open chat: ' + cfg.title,
      'aria-expanded': 'false', 'aria-controls': 'fd-panel', 'aria-haspopup': 'dialog',
      onclick: function () { state.open ? close() : open(); }
    }, [el('span', { class: 'fd-icon', 'aria-hidden': 'true' }), el('span', { class: 'fd-x', 'aria-hidden': 'true', text: '\u00D7' })]);

    ui.handoff = el('button', { type: 'button', class: 'fd-handoff', text: 'Talk to a human', onclick: handoff });
    var closeBtn = el('button', { type: 'button', class: 'fd-close', 'aria-label': 'Close chat', text: '\u00D7', onclick: close });
    ui.status = el('div', { class: 'fd-status', role: 'status', hidden: true });
    ui.log = el('div', { class: 'fd-log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation', 'aria-busy': 'false', tabindex: '0' });
    ui.input = el('textarea', {
      class: 'fd-input', id: 'fd-input', rows: '1', 'aria-label': 'Message',
      'aria-describedby': 'fd-hint', placeholder: 'Type your question\u2026', autocomplete: 'off'
    });
    ui.send = el('button', { type: 'submit', class: 'fd-send', text: 'Send' });
    var form = el('form', { class: 'fd-composer', novalidate: true }, [
      ui.input, el('span', { class: 'fd-sr', id: 'fd-hint', text: 'Enter sends, Shift+Enter adds a new line.' }), ui.send
    ]);
    ui.panel = el('div', {
      class: 'fd-panel', id: 'fd-panel', role: 'dialog', 'aria-label': cfg.title, 'aria-modal': 'false', hidden: true
    }, [
      el('div', { class: 'fd-header' }, [el('h2', { class: 'fd-title', text: cfg.title }), ui.handoff, closeBtn]),
      ui.status, ui.log, form
    ]);
    ui.root = el('div', { class: 'fd-root' + (cfg.left ? ' fd-left' : '') }, [ui.panel, ui.launcher]);

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (send(ui.input.value)) { ui.input.value = ''; autosize(); }
      ui.input.focus();
    });
    ui.input.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        if (typeof form.requestSubmit === 'function') form.requestSubmit();
        else form.dispatchEvent(new Event('submit', { cancelable: true }));
      }
    });
    ui.input.addEventListener('input', autosize);
    ui.root.addEventListener('keydown', function (e) {
      if ((e.key === 'Escape' || e.key === 'Esc') && state.open) { e.stopPropagation(); close(); }
    });

    shadow.appendChild(ui.root);
    document.body.appendChild(host);
    if (cfg.color) {
      ui.root.style.setProperty('--fd-accent', cfg.color);
      ui.root.style.setProperty('--fd-on-accent', contrastText(ui.root));
    }
    if (cfg.greeting) ui.log.appendChild(message('greeting', cfg.greeting));

    // suggested questions on the host page, without any inline script there
    document.addEventListener('click', function (e) {
      var t = e.target && e.target.closest && e.target.closest('[data-frontdesk-ask]');
      if (!t) return;
      e.preventDefault();
      ask(t.getAttribute('data-frontdesk-ask') || t.textContent);
    });
  }

  function init() {
    var s = store.get('session');
    if (s && s.who !== WHO) {
      // someone else is signed in now (or nobody): their conversation is not this one's
      store.del('session');
      store.del('thread');
      store.del('ratings');
    }
    build();
    var t = store.get('thread');
    if (typeof t === 'string' && /^[\w-]{1,80}$/.test(t)) {
      state.thread = t;
      state.history = loadHistory();
    }
    var s2 = storedSession();
    if (s2) scheduleRotation(s2);
    if (cfg.open) open();
    queued.splice(0).forEach(function (f) { f(); });
  }

  // calls made before the page body exists run once the widget is built
  var queued = [];
  function whenReady(fn) {
    return function (x) {
      if (ui.root) fn(x);
      else queued.push(function () { fn(x); });
    };
  }
  window.FrontdeskWidget = { open: whenReady(open), close: whenReady(close), ask: whenReady(ask) };

  if (document.body) init();
  else document.addEventListener('DOMContentLoaded', init, { once: true });
})();
