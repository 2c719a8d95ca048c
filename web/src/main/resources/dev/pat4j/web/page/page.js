/*
 * pat4j's self-service page: a client of the management REST API (web/README.md) and nothing
 * more; every decision about who may do what is the API's. Plain script (no modules, no build
 * step). Every piece of data from the server is put into the page with textContent or as an
 * attribute value, never as HTML.
 */
(function () {
  'use strict';

  var root = document.getElementById('pat4j');
  if (!root) {
    return;
  }
  var API = root.getAttribute('data-api');
  var COMMON = (root.getAttribute('data-common-scopes') || '').split(' ').filter(function (s) { return s; });
  var PAGE_SIZE = 20;
  var DAY = 24 * 60 * 60 * 1000;
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var FULL = '*';

  var state = {
    csrf: null,
    me: null,
    scopes: [],
    byName: {},
    orgs: null,
    policy: null,
    mine: { cursor: null, tokens: [] },
    admin: { owner: null, cursor: null, tokens: [] }
  };
  var seq = 0;

  function $(id) { return document.getElementById(id); }

  /* ---- building the page: elements and text only ------------------------------------------ */

  /** An element with attributes (null and false skipped) and children (strings become text nodes). */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === null || value === undefined || value === false) {
          return;
        }
        if (key === 'text') {
          node.textContent = value;
        } else if (key === 'className') {
          node.className = value;
        } else if (key === 'onclick') {
          node.addEventListener('click', value);
        } else if (value === true) {
          node.setAttribute(key, '');
        } else {
          node.setAttribute(key, String(value));
        }
      });
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    if (children === null || children === undefined) {
      return node;
    }
    if (!Array.isArray(children)) {
      children = [children];
    }
    children.forEach(function (child) {
      if (child === null || child === undefined || child === false) {
        return;
      }
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function uid(prefix) {
    seq += 1;
    return prefix + '-' + seq;
  }

  /** A button whose accessible name says what it acts on ("Revoke ci pipeline") while it shows the verb. */
  function actionButton(verb, name, className, handler) {
    return el('button', { type: 'button', className: 'p-button p-small ' + (className || ''), onclick: handler },
      [verb, el('span', { className: 'p-sr', text: ' ' + name })]);
  }

  function announce(text) {
    var status = $('p-status');
    status.textContent = '';
    // a fresh text node, so a screen reader announces the same message again
    setTimeout(function () { status.textContent = text; }, 30);
  }

  function showError(text) {
    var box = $('p-error');
    box.textContent = text;
    box.hidden = !text;
  }

  /* ---- time ---------------------------------------------------------------------------------- */

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  function parse(iso) { return iso ? new Date(iso) : null; }

  function dateText(d) { return MONTHS[d.getMonth()] + ' ' + d.getDate() + ', ' + d.getFullYear(); }

  function exactText(d) {
    var offset = -d.getTimezoneOffset();
    var sign = offset >= 0 ? '+' : '-';
    offset = Math.abs(offset);
    return dateText(d) + ', ' + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds())
      + ' (UTC' + sign + pad(Math.floor(offset / 60)) + ':' + pad(offset % 60) + ')';
  }

  function plural(n, unit) { return n + ' ' + unit + (n === 1 ? '' : 's'); }

  function ago(d) {
    var s = Math.max(0, Math.round((Date.now() - d.getTime()) / 1000));
    if (s < 60) { return 'just now'; }
    if (s < 3600) { return plural(Math.floor(s / 60), 'minute') + ' ago'; }
    if (s < 86400) { return plural(Math.floor(s / 3600), 'hour') + ' ago'; }
    if (s < 86400 * 60) { return plural(Math.floor(s / 86400), 'day') + ' ago'; }
    return plural(Math.floor(s / (86400 * 30)), 'month') + ' ago';
  }

  function until(d) {
    var ms = d.getTime() - Date.now();
    if (ms < 3600 * 1000) { return 'in ' + plural(Math.max(1, Math.round(ms / 60000)), 'minute'); }
    if (ms < DAY) { return 'in ' + plural(Math.round(ms / 3600000), 'hour'); }
    return 'in ' + plural(Math.round(ms / DAY), 'day');
  }

  /** A time people read at a glance, with the exact one on hover and on focus (title, and a tooltip). */
  function timeEl(d, text) {
    var exact = exactText(d);
    return el('time', { className: 'p-time', datetime: d.toISOString(), title: exact, 'data-exact': exact,
      tabindex: '0' }, text);
  }

  function isoDay(d) { return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()); }

  /* ---- the API ------------------------------------------------------------------------------- */

  function Problem(status, body) {
    this.status = status;
    this.code = body && body.code || 'unexpected';
    this.detail = body && body.detail || 'The request failed (' + status + ').';
    this.field = body && body.field || null;
    this.body = body || {};
  }

  function sessionEnded() {
    return new Problem(401, { code: 'notAuthenticated',
      detail: 'Your session has ended. Reload the page to sign in again.' });
  }

  function request(method, path, body) {
    var headers = { 'Accept': 'application/json' };
    if (method !== 'GET') {
      headers['X-CSRF-Token'] = state.csrf || '';
    }
    // no 'cache' option: every answer of the API is no-store already (and fetch polyfills would add a query parameter)
    var init = { method: method, headers: headers, credentials: 'same-origin' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(API + path, init).then(function (r) {
      if (r.status === 204) {
        return null;
      }
      var type = r.headers.get('Content-Type') || '';
      if (type.indexOf('json') < 0) {
        // the container's login page instead of the API: the session is gone
        throw sessionEnded();
      }
      return r.json().then(function (json) {
        if (!r.ok) {
          throw new Problem(r.status, json);
        }
        return json;
      });
    }, function () {
      throw new Problem(0, { code: 'network', detail: 'The server cannot be reached. Check the connection and try again.' });
    });
  }

  function call(method, path, body) {
    return request(method, path, body).then(null, function (problem) {
      if (problem && problem.code === 'csrfTokenInvalid') {
        // the session was renewed (for example after signing in again): fetch its token and retry once
        return fetchCsrf().then(function () { return request(method, path, body); });
      }
      throw problem;
    });
  }

  function fetchCsrf() {
    return request('GET', '/csrf').then(function (c) { state.csrf = c.token; });
  }

  function query(params) {
    var parts = [];
    Object.keys(params).forEach(function (key) {
      if (params[key] !== null && params[key] !== undefined && params[key] !== '') {
        parts.push(encodeURIComponent(key) + '=' + encodeURIComponent(params[key]));
      }
    });
    return parts.length ? '?' + parts.join('&') : '';
  }

  function problemText(problem) {
    if (!(problem instanceof Problem)) {
      return 'Something went wrong on this page: ' + problem;
    }
    return problem.detail.charAt(0).toUpperCase() + problem.detail.slice(1) + (/[.!?]$/.test(problem.detail) ? '' : '.');
  }

  /* ---- scopes -------------------------------------------------------------------------------- */

  /** Every scope a set of scopes grants, through the catalog's implications. */
  function closure(names) {
    var out = {};
    var stack = names.slice();
    while (stack.length) {
      var name = stack.pop();
      if (out[name]) {
        continue;
      }
      out[name] = true;
      var def = state.byName[name];
      if (def) {
        def.implies.forEach(function (n) { stack.push(n); });
      }
    }
    return out;
  }

  function scopeLabel(name) {
    if (name === FULL) {
      return 'Full access';
    }
    var def = state.byName[name];
    return def ? def.label : name;
  }

  function fullAccessAllowed() {
    return state.policy && state.policy.allowFullAccess && !!state.byName[FULL];
  }

  /**
   * The scope chooser: "Full access" (where the policy allows it) or "Custom defined", the
   * scopes grouped under their labels, common ones first and the rest behind "Show all scopes",
   * and what each chosen scope includes shown on the scopes it implies.
   */
  function scopePicker(selected) {
    var id = uid('scopes');
    var explicit = {};
    selected.forEach(function (s) { explicit[s] = true; });
    var full = selected.indexOf(FULL) >= 0;
    var common = {};
    COMMON.forEach(function (s) { common[s] = true; });
    var rows = {};
    var expanded = COMMON.length === 0;

    var fieldset = el('fieldset', { className: 'p-fieldset', 'aria-describedby': id + '-help' },
      el('legend', { className: 'p-legend', text: 'Scopes' }));
    var help = el('span', { className: 'p-help', id: id + '-help',
      text: 'What the token may do. Choose only what the tool needs.' });
    var error = el('span', { className: 'p-field-error', id: id + '-error', hidden: true });
    var fullRadio = el('input', { type: 'radio', name: id + '-kind', id: id + '-full', value: 'full' });
    var customRadio = el('input', { type: 'radio', name: id + '-kind', id: id + '-custom', value: 'custom' });
    fullRadio.checked = full;
    customRadio.checked = !full;
    if (fullAccessAllowed()) {
      append(fieldset, el('div', { className: 'p-radios' }, [
        el('label', { 'for': id + '-full' }, [fullRadio, 'Full access']),
        el('label', { 'for': id + '-custom' }, [customRadio, 'Custom defined'])
      ]));
    }
    append(fieldset, help);

    var box = el('div', { className: 'p-scopes', id: id + '-list', role: 'group', 'aria-label': 'Custom scopes' });
    var groups = {};
    var order = [];
    state.scopes.forEach(function (def) {
      if (def.name === FULL) {
        return;
      }
      var g = def.group || 'Other';
      if (!groups[g]) {
        groups[g] = [];
        order.push(g);
      }
      groups[g].push(def);
    });
    function hasCommon(g) { return groups[g].some(function (d) { return common[d.name]; }); }
    order.sort(function (a, b) {
      var ca = hasCommon(a) ? 0 : 1;
      var cb = hasCommon(b) ? 0 : 1;
      return ca - cb || (a === 'Other' ? 1 : 0) - (b === 'Other' ? 1 : 0) || (a < b ? -1 : a > b ? 1 : 0);
    });
    var groupNodes = [];
    order.forEach(function (g) {
      var legendId = uid('group');
      var group = el('fieldset', { className: 'p-group' }, el('legend', { id: legendId, text: g }));
      // common ones first, then by what they grant (read before write before manage), then by name
      var defs = groups[g].slice().sort(function (a, b) {
        return (common[a.name] ? 0 : 1) - (common[b.name] ? 0 : 1)
          || Object.keys(closure([a.name])).length - Object.keys(closure([b.name])).length
          || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
      });
      defs.forEach(function (def) {
        var boxId = uid('scope');
        var input = el('input', { type: 'checkbox', id: boxId, value: def.name,
          'aria-describedby': boxId + '-implied' });
        input.checked = !!explicit[def.name];
        var implied = el('span', { className: 'p-implied', id: boxId + '-implied', hidden: true });
        var label = el('label', { 'for': boxId }, [def.label, el('code', { text: def.name }),
          def.highPrivilege ? el('span', { className: 'p-badge p-badge-high', text: 'High privilege' }) : null, implied]);
        var row = el('div', { className: 'p-scope' }, [input, label]);
        input.addEventListener('change', function () {
          if (input.checked) {
            explicit[def.name] = true;
          } else {
            delete explicit[def.name];
          }
          refresh();
        });
        rows[def.name] = { row: row, input: input, implied: implied, common: !!common[def.name], group: group };
        append(group, row);
      });
      groupNodes.push(group);
      append(box, group);
    });
    append(fieldset, box);
    var toggle = null;
    if (!expanded && Object.keys(rows).some(function (n) { return !rows[n].common; })) {
      toggle = el('button', { type: 'button', className: 'p-link p-toggle', 'aria-expanded': 'false',
        'aria-controls': id + '-list', text: 'Show all scopes' });
      toggle.addEventListener('click', function () {
        expanded = !expanded;
        toggle.setAttribute('aria-expanded', expanded ? 'true' : 'false');
        toggle.textContent = expanded ? 'Show fewer scopes' : 'Show all scopes';
        refresh();
      });
      append(fieldset, toggle);
    } else {
      expanded = true;
    }
    append(fieldset, error);

    function refresh() {
      var isFull = fullRadio.checked && fullAccessAllowed();
      box.hidden = isFull;
      if (toggle) {
        toggle.hidden = isFull;
      }
      // which chosen scope includes each other one: shown on it, and it is checked and fixed
      var by = {};
      Object.keys(explicit).forEach(function (name) {
        var all = closure([name]);
        Object.keys(all).forEach(function (n) {
          if (n !== name && !by[n]) {
            by[n] = name;
          }
        });
      });
      Object.keys(rows).forEach(function (name) {
        var r = rows[name];
        if (by[name]) {
          r.input.checked = true;
          r.input.disabled = true;
          r.implied.textContent = 'Included in ' + scopeLabel(by[name]);
          r.implied.hidden = false;
        } else {
          r.input.disabled = false;
          r.input.checked = !!explicit[name];
          r.implied.textContent = '';
          r.implied.hidden = true;
        }
        r.row.hidden = !(expanded || r.common || r.input.checked);
      });
      groupNodes.forEach(function (g) {
        var visible = false;
        Array.prototype.forEach.call(g.querySelectorAll('.p-scope'), function (row) {
          visible = visible || !row.hidden;
        });
        g.hidden = !visible;
      });
    }
    fullRadio.addEventListener('change', refresh);
    customRadio.addEventListener('change', refresh);
    refresh();

    return {
      node: fieldset,
      /** The scopes chosen (only those chosen themselves; the API derives what they imply), or null with the error shown. */
      value: function () {
        error.hidden = true;
        box.removeAttribute('aria-invalid');
        if (fullRadio.checked && fullAccessAllowed()) {
          return [FULL];
        }
        var chosen = Object.keys(explicit).filter(function (n) { return rows[n]; });
        if (!chosen.length) {
          fail('Choose at least one scope.');
          return null;
        }
        return chosen;
      },
      fail: fail,
      focus: function () { (fullAccessAllowed() ? customRadio : (box.querySelector('input') || box)).focus(); }
    };

    function fail(text) {
      error.textContent = text;
      error.hidden = false;
      fieldset.setAttribute('aria-describedby', id + '-help ' + id + '-error');
      var first = box.querySelector('input:not([disabled])');
      if (first) {
        first.focus();
      }
    }
  }

  /* ---- expiration ---------------------------------------------------------------------------- */

  /** The latest expiry the policy allows, counted from now (or, for an extension under extensionFrom=creation, from creation). */
  function latestExpiry(token, now) {
    var from = token && state.policy.extensionFrom === 'creation' ? parse(token.createdAt).getTime() : now;
    return new Date(from + state.policy.maxLifespanSeconds * 1000);
  }

  /** Presets 30 (the default) / 60 / 90 days and a custom date, none beyond the policy. */
  function expiryPicker(token) {
    var id = uid('expiry');
    var now = Date.now();
    var latest = latestExpiry(token, now);
    var select = el('select', { id: id, 'aria-describedby': id + '-help' });
    var any = false;
    [30, 60, 90].forEach(function (days) {
      var at = new Date(now + days * DAY);
      if (at.getTime() <= latest.getTime()) {
        append(select, el('option', { value: String(days), text: days + ' days (' + dateText(at) + ')' }));
        any = true;
      }
    });
    if (!any) {
      append(select, el('option', { value: 'max', text: 'The longest allowed (' + dateText(latest) + ')' }));
    }
    append(select, el('option', { value: 'custom', text: 'Custom date…' }));
    select.value = any ? '30' : 'max';
    var tomorrow = new Date(Date.now() + DAY);
    var date = el('input', { type: 'date', id: id + '-date', min: isoDay(tomorrow), max: isoDay(latest),
      'aria-label': 'Expiration date', hidden: true });
    var help = el('span', { className: 'p-help', id: id + '-help',
      text: 'At most ' + plural(Math.floor(state.policy.maxLifespanSeconds / 86400), 'day')
        + (token && state.policy.extensionFrom === 'creation' ? ' after the token was created' : ' from today')
        + ', by your organization\'s policy (until ' + dateText(latest) + ').' });
    var error = el('span', { className: 'p-field-error', id: id + '-error', hidden: true });
    select.addEventListener('change', function () {
      date.hidden = select.value !== 'custom';
      if (!date.hidden) {
        date.focus();
      }
    });
    var node = el('div', { className: 'p-field' }, [
      el('label', { 'for': id, text: token ? 'New expiration' : 'Expiration' }),
      el('div', { className: 'p-row' }, [select, date]), help, error]);
    return {
      node: node,
      select: select,
      value: function () {
        error.hidden = true;
        date.removeAttribute('aria-invalid');
        var v = select.value;
        var at;
        latest = latestExpiry(token, Date.now());
        if (v === 'max') {
          at = new Date(latest.getTime() - 60 * 1000);
        } else if (v === 'custom') {
          var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.value || '');
          if (!m) {
            return fail('Choose a date.');
          }
          at = new Date(+m[1], +m[2] - 1, +m[3], 23, 59, 0);
          if (at.getTime() > latest.getTime() - 60 * 1000) {
            at = new Date(latest.getTime() - 60 * 1000); // the last day allowed ends when the policy's limit does
          }
          if (at.getTime() <= Date.now()) {
            return fail('Choose a date in the future.');
          }
        } else {
          at = new Date(Date.now() + (+v) * DAY);
        }
        return at.toISOString();
      },
      fail: fail
    };

    function fail(text) {
      error.textContent = text;
      error.hidden = false;
      var target = select.value === 'custom' ? date : select;
      target.setAttribute('aria-invalid', 'true');
      target.setAttribute('aria-describedby', id + '-help ' + id + '-error');
      target.focus();
      return null;
    }
  }

  /* ---- dialogs ------------------------------------------------------------------------------- */

  var dialog = { open: false, opener: null, onClose: null, busy: false };

  /**
   * Opens the one modal dialog: a heading, a body and buttons. Escape and Cancel close it; Tab
   * stays inside; focus returns to what opened it. Built on a plain element, not on <dialog>.
   */
  function openDialog(title, body, buttons, options) {
    options = options || {};
    var overlay = $('p-overlay');
    var box = $('p-dialog');
    clear(box);
    box.className = 'p-dialog' + (options.narrow ? ' p-dialog-narrow' : '');
    if (options.describedBy) {
      box.setAttribute('aria-describedby', options.describedBy);
    } else {
      box.removeAttribute('aria-describedby');
    }
    var errorBox = el('div', { className: 'p-banner p-banner-error p-dialog-error', role: 'alert', hidden: true });
    var form = el('form', { novalidate: true },
      [el('div', { className: 'p-dialog-head' }, el('h2', { id: 'p-dialog-title', text: title })),
        el('div', { className: 'p-dialog-body' }, [errorBox].concat(body)),
        el('div', { className: 'p-dialog-foot' }, buttons)]);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (options.onSubmit && !dialog.busy) {
        options.onSubmit();
      }
    });
    append(box, form);
    dialog.open = true;
    dialog.opener = document.activeElement;
    dialog.onClose = options.onClose || null;
    dialog.busy = false;
    dialog.error = function (text) {
      errorBox.textContent = text;
      errorBox.hidden = !text;
    };
    dialog.form = form;
    overlay.hidden = false;
    $('p-main').setAttribute('aria-hidden', 'true');
    var first = options.focus || box.querySelector('input:not([type=hidden]), select, button');
    (first || box).focus();
    if (options.select && first && first.select) {
      first.select();
    }
  }

  function closeDialog() {
    if (!dialog.open) {
      return;
    }
    var box = $('p-dialog');
    var onClose = dialog.onClose;
    dialog.open = false;
    dialog.onClose = null;
    clear(box);
    $('p-overlay').hidden = true;
    $('p-main').removeAttribute('aria-hidden');
    if (onClose) {
      onClose();
    }
    var back = dialog.opener;
    dialog.opener = null;
    if (back && document.body.contains(back)) {
      back.focus();
    } else {
      $('p-main').focus();
    }
  }

  function busy(button, on) {
    dialog.busy = on;
    button.disabled = on;
  }

  document.addEventListener('keydown', function (e) {
    if (!dialog.open) {
      return;
    }
    var key = e.key || e.keyCode;
    if (key === 'Escape' || key === 'Esc' || key === 27) {
      e.preventDefault();
      if (!dialog.busy) {
        closeDialog();
      }
    } else if (key === 'Tab' || key === 9) {
      var box = $('p-dialog');
      var focusable = Array.prototype.filter.call(
        box.querySelectorAll('button, input, select, textarea, a[href], [tabindex="0"]'),
        function (n) { return !n.disabled && n.offsetParent !== null; });
      if (!focusable.length) {
        return;
      }
      var first = focusable[0];
      var last = focusable[focusable.length - 1];
      if (e.shiftKey && (document.activeElement === first || document.activeElement === box)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  });

  function cancelButton(text) {
    return el('button', { type: 'button', className: 'p-button', text: text || 'Cancel', onclick: closeDialog });
  }

  function nameField(value) {
    var id = uid('name');
    var input = el('input', { type: 'text', id: id, name: 'name', maxlength: '256', autocomplete: 'off',
      required: true, 'aria-describedby': id + '-help', spellcheck: 'false' });
    input.value = value || '';
    var error = el('span', { className: 'p-field-error', id: id + '-error', hidden: true });
    return {
      node: el('div', { className: 'p-field' }, [el('label', { 'for': id, text: 'Name' }), input,
        el('span', { className: 'p-help', id: id + '-help', text: 'What the token is for, such as "ci pipeline".' }),
        error]),
      input: input,
      value: function () {
        error.hidden = true;
        input.removeAttribute('aria-invalid');
        var v = input.value.trim();
        if (!v) {
          return fail('Give the token a name.');
        }
        return v;
      },
      fail: fail
    };

    function fail(text) {
      error.textContent = text;
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', id + '-help ' + id + '-error');
      input.focus();
      return null;
    }
  }

  /** Shows a refusal where it belongs: on its field when the API names one, else at the top of the dialog. */
  function dialogProblem(problem, fields) {
    var text = problemText(problem);
    var field = problem instanceof Problem && problem.field && fields[problem.field];
    if (problem instanceof Problem && problem.code === 'scopeNotHeld' && fields.scopes) {
      field = fields.scopes;
    }
    if (field) {
      dialog.error('');
      field.fail(text);
    } else {
      dialog.error(text);
    }
  }

  /* ---- new token ----------------------------------------------------------------------------- */

  function organizationField() {
    var id = uid('org');
    var orgs = state.orgs;
    var select = el('select', { id: id, 'aria-describedby': id + '-help' });
    var other = el('input', { type: 'text', id: id + '-other', 'aria-label': 'Organization name', hidden: true,
      autocomplete: 'off', spellcheck: 'false' });
    orgs.organizations.forEach(function (o) {
      append(select, el('option', { value: 'org:' + o, text: o }));
    });
    if (orgs.allOrganizationsTokenAllowed) {
      append(select, el('option', { value: 'all', text: 'All accessible organizations' }));
    }
    if (orgs.anyOrganization) {
      append(select, el('option', { value: 'other', text: 'Another organization…' }));
    }
    var error = el('span', { className: 'p-field-error', id: id + '-error', hidden: true });
    select.addEventListener('change', function () {
      other.hidden = select.value !== 'other';
      if (!other.hidden) {
        other.focus();
      }
    });
    if (!select.options.length) {
      append(select, el('option', { value: '', text: 'No organization available' }));
      select.disabled = true;
    }
    return {
      node: el('div', { className: 'p-field' }, [el('label', { 'for': id, text: 'Organization' }),
        el('div', { className: 'p-row' }, [select, other]),
        el('span', { className: 'p-help', id: id + '-help', text: 'Where the token works.' }), error]),
      /** undefined when invalid; null for all organizations. */
      value: function () {
        error.hidden = true;
        var v = select.value;
        if (v === 'all') {
          return null;
        }
        if (v === 'other') {
          if (!other.value.trim()) {
            fail('Name the organization.');
            return undefined;
          }
          return other.value.trim();
        }
        if (v.indexOf('org:') === 0) {
          return v.substring(4);
        }
        fail('You may not create tokens in any organization.');
        return undefined;
      },
      fail: fail
    };

    function fail(text) {
      error.textContent = text;
      error.hidden = false;
      var target = select.value === 'other' ? other : select;
      target.setAttribute('aria-invalid', 'true');
      target.setAttribute('aria-describedby', id + '-help ' + id + '-error');
      target.focus();
    }
  }

  function newToken() {
    var name = nameField('');
    var org = organizationField();
    var expiry = expiryPicker(null);
    var scopes = scopePicker([]);
    var create = el('button', { type: 'submit', className: 'p-button p-primary', text: 'Create' });
    var fields = { name: name, organization: org, expiresAt: expiry, scopes: scopes };
    openDialog('Create a new personal access token', [name.node, org.node, expiry.node, scopes.node],
      [cancelButton(), create], {
        focus: name.input,
        onSubmit: function () {
          dialog.error('');
          var n = name.value();
          if (n === null) { return; }
          var o = org.value();
          if (o === undefined) { return; }
          var e = expiry.value();
          if (e === null) { return; }
          var s = scopes.value();
          if (s === null) { return; }
          busy(create, true);
          call('POST', '/tokens', { name: n, organization: o, expiresAt: e, scopes: s }).then(function (created) {
            busy(create, false);
            closeDialog();
            showCreated(created);
            loadMine(true);
          }, function (problem) {
            busy(create, false);
            dialogProblem(problem, fields);
          });
        }
      });
  }

  /** The secret, this once: read-only, with Copy; closing the dialog forgets it. */
  function showCreated(created) {
    var secret = created.token;
    created.token = null;
    var inputId = uid('secret');
    var input = el('input', { type: 'text', id: inputId, readonly: true, autocomplete: 'off', spellcheck: 'false',
      'aria-describedby': inputId + '-warn' });
    input.value = secret;
    secret = null;
    var copied = el('p', { className: 'p-copied', role: 'status', 'aria-live': 'polite' });
    var copy = el('button', { type: 'button', className: 'p-button p-primary', text: 'Copy' });
    copy.addEventListener('click', function () {
      copyText(input).then(function (ok) {
        copied.textContent = '';
        setTimeout(function () {
          copied.textContent = ok ? 'Copied to the clipboard.' : 'Press Ctrl+C (or Cmd+C) to copy the selected token.';
        }, 30);
      });
    });
    var warning = el('div', { className: 'p-banner p-banner-warn', id: inputId + '-warn' },
      [el('strong', { text: 'Copy the token now. ' }),
        'It is not stored anywhere and will not be shown again. Treat it like a password.']);
    openDialog('Your new token is ready', [
      el('p', {}, ['The token ', el('strong', { text: created.name }), ' was created. It works until '
        + exactText(parse(created.expiresAt)) + '.']),
      el('label', { 'for': inputId, className: 'p-legend', text: 'Personal access token' }),
      el('div', { className: 'p-secret' }, [input, copy]),
      copied,
      warning
    ], [el('button', { type: 'button', className: 'p-button', text: 'Done', onclick: closeDialog })], {
      focus: input,
      select: true,
      onClose: function () {
        input.value = ''; // forgotten: the dialog's nodes go, and no variable of the page holds it
        announce('The token ' + created.name + ' is in the list below. Its secret is no longer shown.');
      }
    });
  }

  function copyText(input) {
    input.focus();
    input.select();
    var text = input.value;
    function legacy() {
      try {
        return document.execCommand && document.execCommand('copy');
      } catch (e) {
        return false;
      }
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return legacy(); });
    }
    return Promise.resolve(legacy());
  }

  /* ---- edit, extend, revoke ------------------------------------------------------------------ */

  function editToken(token) {
    var active = token.status === 'active';
    var name = nameField(token.name);
    var scopes = active ? scopePicker(token.scopes) : null;
    var save = el('button', { type: 'submit', className: 'p-button p-primary', text: 'Save' });
    var body = [name.node];
    if (scopes) {
      body.push(scopes.node);
    } else {
      body.push(el('p', { className: 'p-help', text: 'An expired token can only be renamed.' }));
    }
    openDialog('Edit ' + token.name, body, [cancelButton(), save], {
      focus: name.input,
      onSubmit: function () {
        dialog.error('');
        var n = name.value();
        if (n === null) { return; }
        var change = {};
        if (n !== token.name) {
          change.name = n;
        }
        if (scopes) {
          var s = scopes.value();
          if (s === null) { return; }
          if (s.slice().sort().join(' ') !== token.scopes.slice().sort().join(' ')) {
            change.scopes = s;
          }
        }
        if (!Object.keys(change).length) {
          closeDialog();
          return;
        }
        busy(save, true);
        call('PATCH', '/tokens/' + encodeURIComponent(token.id), change).then(function (updated) {
          busy(save, false);
          closeDialog();
          announce('Saved ' + updated.name + '.');
          loadMine(true);
        }, function (problem) {
          busy(save, false);
          dialogProblem(problem, { name: name, scopes: scopes });
        });
      }
    });
  }

  function extendToken(token) {
    var expiry = expiryPicker(token);
    var save = el('button', { type: 'submit', className: 'p-button p-primary', text: 'Extend' });
    openDialog('Extend ' + token.name, [
      el('p', {}, ['It expires ' + exactText(parse(token.expiresAt)) + '. Choose when it should expire instead.']),
      expiry.node
    ], [cancelButton(), save], {
      narrow: true,
      focus: expiry.select,
      onSubmit: function () {
        dialog.error('');
        var e = expiry.value();
        if (e === null) { return; }
        busy(save, true);
        call('PATCH', '/tokens/' + encodeURIComponent(token.id), { expiresAt: e }).then(function (updated) {
          busy(save, false);
          closeDialog();
          announce(updated.name + ' now expires ' + dateText(parse(updated.expiresAt)) + '.');
          loadMine(true);
        }, function (problem) {
          busy(save, false);
          dialogProblem(problem, { expiresAt: expiry });
        });
      }
    });
  }

  /** Asks before revoking: names what goes, says that the tools using it stop working. */
  function confirmRevoke(title, message, confirmText, action) {
    var textId = uid('confirm');
    var go = el('button', { type: 'submit', className: 'p-button p-danger', text: confirmText });
    var cancel = cancelButton();
    openDialog(title, [el('p', { id: textId }, message)], [cancel, go], {
      narrow: true,
      describedBy: textId,
      focus: cancel,
      onSubmit: function () {
        busy(go, true);
        action().then(function (after) {
          busy(go, false);
          closeDialog();
          if (after) {
            after();
          }
        }, function (problem) {
          busy(go, false);
          dialog.error(problemText(problem));
        });
      }
    });
  }

  function revokeToken(token, admin) {
    confirmRevoke('Revoke ' + token.name + '?', [
      'Any tool or script using ', el('strong', { text: token.name }),
      (admin ? ' (a token of ' + token.owner + ')' : '')
        + ' will stop working at once: its requests will be refused. This cannot be undone.'],
      'Revoke', function () {
        var path = admin ? '/admin/tokens/' : '/tokens/';
        return call('DELETE', path + encodeURIComponent(token.id)).then(function () {
          return function () {
            announce('Revoked ' + token.name + '.');
            if (admin) {
              loadAdmin(true);
            } else {
              loadMine(true);
            }
          };
        });
      });
  }

  function revokeAll(owner) {
    confirmRevoke('Revoke all tokens of ' + owner + '?', [
      'Every active token of ', el('strong', { text: owner }),
      ' will be revoked, and every tool or script using one of them will stop working at once. This cannot be undone.'],
      'Revoke all', function () {
        return call('POST', '/admin/owners/' + encodeURIComponent(owner) + '/revoke-all').then(function (r) {
          return function () {
            announce('Revoked ' + plural(r.revoked, 'token') + ' of ' + owner + '.');
            loadAdmin(true);
          };
        });
      });
  }

  /* ---- the lists ----------------------------------------------------------------------------- */

  function statusBadge(token) {
    var text = token.status === 'active' ? 'Active' : token.status === 'expired' ? 'Expired' : 'Revoked';
    return el('span', { className: 'p-badge p-badge-' + token.status, text: text });
  }

  function scopesCell(token) {
    var chips = el('div', { className: 'p-chips' });
    token.scopes.forEach(function (s) {
      append(chips, el('span', { className: 'p-chip', title: scopeLabel(s), text: s === FULL ? 'Full access' : s }));
    });
    return chips;
  }

  function expiresCell(token) {
    var at = parse(token.expiresAt);
    if (token.status === 'expired' || (token.status === 'active' && at.getTime() <= Date.now())) {
      return [el('span', { className: 'p-soon', text: 'Expired' }), timeEl(at, dateText(at))];
    }
    if (token.status === 'revoked') {
      var revoked = parse(token.revokedAt);
      return revoked ? ['Revoked ', timeEl(revoked, dateText(revoked))] : 'Revoked';
    }
    var node = [timeEl(at, dateText(at))];
    if (at.getTime() - Date.now() < 7 * DAY) {
      node.push(el('span', { className: 'p-soon', text: 'Expires ' + until(at) }));
    }
    return node;
  }

  function table(tokens, admin) {
    var head = ['Name', 'Status', 'Organization', 'Scopes', 'Created', 'Last used', 'Expires'];
    var t = el('table', { className: 'p-table' }, [
      el('caption', { className: 'p-sr', text: admin ? 'Tokens of ' + state.admin.owner : 'Your tokens' }),
      el('thead', {}, el('tr', {}, head.map(function (h) { return el('th', { scope: 'col', text: h }); })
        .concat([el('th', { scope: 'col' }, el('span', { className: 'p-sr', text: 'Actions' }))])))]);
    var body = el('tbody');
    tokens.forEach(function (token) {
      var created = parse(token.createdAt);
      var used = parse(token.lastUsedAt);
      var actions = el('td', { className: 'p-actions' });
      if (admin) {
        if (token.status !== 'revoked') {
          append(actions, actionButton('Revoke', token.name, 'p-danger-outline',
            function () { revokeToken(token, true); }));
        }
      } else {
        if (token.status !== 'revoked') {
          append(actions, actionButton('Edit', token.name, '', function () { editToken(token); }));
        }
        if (token.status === 'active') {
          append(actions, actionButton('Extend', token.name, '', function () { extendToken(token); }));
        }
        if (token.status !== 'revoked') {
          append(actions, actionButton('Revoke', token.name, '', function () { revokeToken(token, false); }));
        }
      }
      append(body, el('tr', { 'data-token-id': token.id }, [
        el('th', { scope: 'row', className: 'p-name' }, [el('span', { className: 'p-token-name', text: token.name }),
          el('span', { className: 'p-hint', text: token.tokenHint })]),
        el('td', {}, statusBadge(token)),
        el('td', { text: token.organization === null ? 'All accessible organizations' : token.organization }),
        el('td', {}, scopesCell(token)),
        el('td', {}, timeEl(created, dateText(created))),
        el('td', {}, used ? timeEl(used, ago(used)) : 'Never'),
        el('td', {}, expiresCell(token)),
        actions
      ]));
    });
    append(t, body);
    return t;
  }

  function emptyState(admin, filter) {
    var what = filter === 'active' ? 'active ' : filter === 'expired' ? 'expired ' : filter === 'revoked' ? 'revoked ' : '';
    var box = el('div', { className: 'p-empty' }, [
      el('h2', { text: admin ? state.admin.owner + ' has no ' + what + 'tokens' : 'You have no ' + what + 'tokens' }),
      el('p', { text: admin ? 'Try another filter or owner.'
        : 'Create a token for each tool that needs to sign in as you, such as git or a build pipeline.' })]);
    if (!admin) {
      append(box, el('button', { type: 'button', className: 'p-button p-primary', text: 'Create a token',
        onclick: newToken }));
    }
    return box;
  }

  function render(admin) {
    var s = admin ? state.admin : state.mine;
    var list = $(admin ? 'p-admin-list' : 'p-list');
    var filter = $(admin ? 'p-admin-filter' : 'p-filter').value;
    clear(list);
    append(list, s.tokens.length ? table(s.tokens, admin) : emptyState(admin, filter));
    $(admin ? 'p-admin-more' : 'p-more').hidden = !s.cursor;
    if (!admin) {
      $('p-count').textContent = s.tokens.length ? plural(s.tokens.length, 'token') + (s.cursor ? ' shown' : '') : '';
    }
  }

  function loadMine(fresh) {
    var s = state.mine;
    var params = { status: $('p-filter').value, limit: PAGE_SIZE };
    if (!fresh) {
      params.cursor = s.cursor;
    }
    return call('GET', '/tokens' + query(params)).then(function (page) {
      s.tokens = fresh ? page.tokens : s.tokens.concat(page.tokens);
      s.cursor = page.nextCursor;
      render(false);
    }, function (problem) { showError(problemText(problem)); });
  }

  function loadAdmin(fresh) {
    var s = state.admin;
    var params = { owner: s.owner, status: $('p-admin-filter').value, limit: PAGE_SIZE };
    if (!fresh) {
      params.cursor = s.cursor;
    }
    return call('GET', '/admin/tokens' + query(params)).then(function (page) {
      s.tokens = fresh ? page.tokens : s.tokens.concat(page.tokens);
      s.cursor = page.nextCursor;
      $('p-admin-result').hidden = false;
      $('p-admin-heading').textContent = 'Tokens of ' + s.owner;
      var all = $('p-revoke-all');
      all.textContent = 'Revoke all tokens of ' + s.owner;
      render(true);
    }, function (problem) { showError(problemText(problem)); });
  }

  /* ---- views --------------------------------------------------------------------------------- */

  function showView(admin) {
    $('p-mine').hidden = admin;
    $('p-admin').hidden = !admin;
    if (admin) {
      $('p-tab-admin').setAttribute('aria-current', 'page');
      $('p-tab-mine').removeAttribute('aria-current');
      $('p-owner').focus();
    } else {
      $('p-tab-mine').setAttribute('aria-current', 'page');
      $('p-tab-admin').removeAttribute('aria-current');
    }
  }

  function start() {
    $('p-new').addEventListener('click', newToken);
    $('p-filter').addEventListener('change', function () { loadMine(true); });
    $('p-more').addEventListener('click', function () { loadMine(false); });
    $('p-tab-mine').addEventListener('click', function () { showView(false); });
    $('p-tab-admin').addEventListener('click', function () { showView(true); });
    $('p-admin-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var owner = $('p-owner').value.trim();
      if (!owner) {
        $('p-owner').setAttribute('aria-invalid', 'true');
        showError('Name the owner whose tokens to show.');
        $('p-owner').focus();
        return;
      }
      $('p-owner').removeAttribute('aria-invalid');
      showError('');
      state.admin.owner = owner;
      loadAdmin(true);
    });
    $('p-admin-filter').addEventListener('change', function () {
      if (state.admin.owner) {
        loadAdmin(true);
      }
    });
    $('p-admin-more').addEventListener('click', function () { loadAdmin(false); });
    $('p-revoke-all').addEventListener('click', function () { revokeAll(state.admin.owner); });

    Promise.all([call('GET', '/me'), fetchCsrf(), call('GET', '/scopes'), call('GET', '/organizations'),
      call('GET', '/policy')]).then(function (r) {
      state.me = r[0];
      state.scopes = r[2].scopes;
      state.scopes.forEach(function (d) { state.byName[d.name] = d; });
      state.orgs = r[3];
      state.policy = r[4];
      $('p-user-name').textContent = state.me.name;
      $('p-user').hidden = false;
      $('p-tabs').hidden = !state.me.administrator;
      root.setAttribute('data-ready', 'true');
      return loadMine(true);
    }).then(null, function (problem) {
      var loading = $('p-loading');
      if (loading) {
        loading.textContent = '';
      }
      showError(problemText(problem));
    });
  }

  start();
}());
