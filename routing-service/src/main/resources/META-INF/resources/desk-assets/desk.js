// The desk pages' behaviour beyond htmx: drafts kept in the browser, Enter to send, the 4,096-character check,
// attaching a file (checked against the server's limits, uploaded with progress),
// canned answers, relative times and the 24-hour countdown, the tab title, sound and desktop notification when a
// conversation is assigned to me, and bringing the sign-in back when the session has ended. Texts come from the
// page (data attributes rendered from the message bundle), never from here.
(function () {
  'use strict';
  var MAX = 4096;
  var body = document.body;
  var lang = body.dataset.lang || 'id';

  function newRequestId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  }

  // ------------------------------------------------------------ session expiry
  function sessionExpired() {
    document.getElementById('session-expired').hidden = false;
    // Reloading the page asks the server for it: without a session that is the sign-in, which brings the
    // librarian back here afterwards; the draft is in localStorage.
    setTimeout(function () { window.location.reload(); }, 1500);
  }
  function signInPage(xhr) {
    return xhr && xhr.responseURL && xhr.responseURL.indexOf('/desk/sign-in') >= 0;
  }
  // 401: no session; 499: an OIDC code-flow session ended (Quarkus answers 499 instead of redirecting requests
  // marked X-Requested-With: JavaScript, which every htmx request of these pages is).
  function ended(xhr) { return signInPage(xhr) || xhr.status === 401 || xhr.status === 499; }
  document.addEventListener('htmx:beforeSwap', function (e) {
    if (ended(e.detail.xhr)) {
      e.detail.shouldSwap = false;
      sessionExpired();
    }
  });
  document.addEventListener('htmx:afterRequest', function (e) {
    if (ended(e.detail.xhr)) { sessionExpired(); }
  });
  // A message about an action stays until the next action succeeds.
  document.body.addEventListener('desk-done', function () {
    var flash = document.getElementById('flash');
    if (flash) { flash.innerHTML = ''; }
  });

  // ------------------------------------------------------------ live connection
  var lost = document.getElementById('live-lost');
  document.addEventListener('htmx:sseError', function () {
    body.dataset.live = 'lost';
    if (lost) { lost.hidden = false; }
    // A closed stream may mean the session ended: ask once, without following the redirect.
    fetch('/desk/counts', { redirect: 'manual', headers: { 'HX-Request': 'true', 'X-Requested-With': 'JavaScript' } }).then(function (r) {
      if (r.type === 'opaqueredirect' || r.status === 401 || r.status === 499) { sessionExpired(); }
    }).catch(function () { /* the server is away; the stream retries */ });
  });
  document.addEventListener('htmx:sseOpen', function () {
    body.dataset.live = 'open';
    if (lost) { lost.hidden = true; }
  });

  // ------------------------------------------------------------ inbox rows sent live
  // A patron's or a librarian's new line comes as the changed rows themselves (event `rows`, rendered for me);
  // a row replaces the one shown only while it stands in the same place (state, holder, place in the queue): a
  // claim, transfer or close comes with `desk`, which reloads the lists. A reload started before a row arrived may
  // answer with what was there before it: the rows that arrived while a reload was under way are put in again
  // after it, in their order, so the page never keeps an older row than the last one sent.
  var rowsDuringReload = [];
  function applyRows(html) {
    var t = document.createElement('template');
    t.innerHTML = html;
    Array.prototype.slice.call(t.content.querySelectorAll('li[data-handover]')).forEach(function (li) {
      var shown = document.querySelector('#inbox li[data-handover="' + li.dataset.handover + '"]');
      if (!shown || shown.dataset.shape !== li.dataset.shape) { return; }
      var list = shown.parentNode;
      shown.replaceWith(li);
      if (list.id === 'mine' && list.firstElementChild !== li) { list.insertBefore(li, list.firstElementChild); }
    });
    tick();
  }
  document.addEventListener('htmx:sseBeforeMessage', function (e) {
    if (!e.target || e.target.id !== 'row-feed') { return; }
    e.preventDefault(); // not swapped by htmx: put in row by row
    rowsDuringReload.forEach(function (during) { during.push(e.detail.data); });
    applyRows(e.detail.data);
  });
  function isInbox(e) { return e.detail && e.detail.elt && e.detail.elt.id === 'inbox' && e.detail.xhr; }
  document.addEventListener('htmx:beforeRequest', function (e) {
    if (isInbox(e)) { e.detail.xhr.deskRows = []; rowsDuringReload.push(e.detail.xhr.deskRows); }
  });
  function reloadEnded(xhr) {
    var during = xhr.deskRows;
    if (!during) { return null; }
    xhr.deskRows = null;
    rowsDuringReload = rowsDuringReload.filter(function (d) { return d !== during; });
    return during;
  }
  document.addEventListener('htmx:afterSwap', function (e) {
    if (isInbox(e)) { (reloadEnded(e.detail.xhr) || []).forEach(applyRows); }
  });
  document.addEventListener('htmx:afterRequest', function (e) {
    if (isInbox(e)) { reloadEnded(e.detail.xhr); } // not swapped (refused, failed): the rows are in already
  });

  // ------------------------------------------------------------ times and countdowns
  var rtf = window.Intl && Intl.RelativeTimeFormat ? new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }) : null;
  function relative(date) {
    var s = Math.round((date.getTime() - Date.now()) / 1000);
    if (!rtf) { return date.toLocaleString(lang); }
    var a = Math.abs(s);
    if (a < 60) { return rtf.format(s, 'second'); }
    if (a < 3600) { return rtf.format(Math.round(s / 60), 'minute'); }
    if (a < 86400) { return rtf.format(Math.round(s / 3600), 'hour'); }
    return date.toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
  }
  function tick() {
    document.querySelectorAll('time[data-rel]').forEach(function (t) {
      var d = new Date(t.getAttribute('datetime'));
      if (!isNaN(d)) { t.textContent = relative(d); t.title = d.toLocaleString(lang); }
    });
    document.querySelectorAll('[data-countdown]').forEach(function (el) {
      var left = new Date(el.dataset.countdown).getTime() - Date.now();
      if (!el.dataset.label) { el.dataset.label = el.textContent.trim(); }
      if (left <= 0) {
        el.textContent = el.dataset.closedText; el.classList.add('closed');
      } else {
        var h = Math.floor(left / 3600000), m = Math.floor((left % 3600000) / 60000);
        el.textContent = '⏳ ' + el.dataset.label + ' ' + h + ':' + (m < 10 ? '0' : '') + m;
        el.classList.toggle('soon', left < 3600000);
      }
    });
  }
  setInterval(tick, 15000);
  document.addEventListener('htmx:afterSettle', tick);

  // ------------------------------------------------------------ title, sound, notification
  var known = null;
  // One audio context for the page. Browsers keep sound off until the librarian has touched the page (autoplay
  // policy): the context is made, or resumed, on the first click or key press, so that a later assignment is heard.
  var audio = null;
  function audioContext() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!audio && Context) { audio = new Context(); }
    if (audio && audio.state === 'suspended') { audio.resume().catch(function () { /* not allowed yet */ }); }
    return audio;
  }
  ['pointerdown', 'keydown'].forEach(function (type) {
    document.addEventListener(type, function () { try { audioContext(); } catch (e) { /* no sound */ } }, true);
  });
  function beep() {
    try {
      var ctx = audioContext();
      if (!ctx) { return; }
      var o = ctx.createOscillator(), g = ctx.createGain();
      o.frequency.value = 880; g.gain.value = 0.08; o.connect(g); g.connect(ctx.destination);
      o.start(); o.stop(ctx.currentTime + 0.25);
    } catch (e) { /* no sound */ }
  }
  function counts() {
    var c = document.getElementById('counts-data');
    if (!c) { return; }
    var unread = parseInt(c.dataset.unread || '0', 10);
    document.title = (unread > 0 ? '(' + unread + ') ' : '') + body.dataset.title;
    var mine = (c.dataset.mine || '').trim().split(/\s+/).filter(Boolean);
    if (known !== null) {
      var fresh = mine.filter(function (id) { return known.indexOf(id) < 0; });
      if (fresh.length > 0) {
        beep();
        if (window.Notification && Notification.permission === 'granted') {
          var n = new Notification(body.dataset.title, { body: c.textContent.trim(), tag: 'desk-' + fresh[0] });
          n.onclick = function () { window.focus(); window.location.href = '/desk/c/' + fresh[0]; };
        }
      }
    }
    known = mine;
  }
  document.addEventListener('htmx:afterSettle', function (e) {
    if (e.target && e.target.id === 'counts') { counts(); }
    if (e.target && e.target.id === 'panel') { composerState(); }
  });
  var notifyBtn = document.getElementById('notify-btn');
  if (notifyBtn && window.Notification && Notification.permission === 'default') {
    notifyBtn.hidden = false;
    notifyBtn.addEventListener('click', function () {
      Notification.requestPermission().then(function () { notifyBtn.hidden = true; });
    });
  }
  document.querySelectorAll('[data-language-switch]').forEach(function (a) {
    a.href = a.getAttribute('href') + '?back=' + encodeURIComponent(location.pathname);
  });

  // ------------------------------------------------------------ the reply box
  var composer = document.getElementById('composer');
  if (!composer) { return; }
  var reply = document.getElementById('reply');
  var requestInput = document.getElementById('request-id');
  var counter = document.getElementById('reply-count');
  var tooLong = document.getElementById('reply-error');
  var canned = document.getElementById('canned');
  var key = 'desk-draft:' + composer.dataset.handover;

  function saveDraft() {
    if (reply.value) {
      localStorage.setItem(key, JSON.stringify({ text: reply.value, requestId: requestInput.value }));
    } else {
      localStorage.removeItem(key);
    }
  }
  function restoreDraft() {
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(key) || 'null'); } catch (e) { saved = null; }
    if (saved && saved.text) {
      reply.value = saved.text;
      requestInput.value = saved.requestId || newRequestId();
    } else {
      requestInput.value = newRequestId();
    }
    measure();
  }
  function measure() {
    var n = reply.value.trim().length;
    counter.textContent = n.toLocaleString(lang) + ' / ' + MAX.toLocaleString(lang);
    var over = n > MAX;
    counter.classList.toggle('over', over);
    tooLong.hidden = !over;
    reply.setAttribute('aria-invalid', over ? 'true' : 'false');
    return over;
  }
  function composerState() {
    var state = document.getElementById('state');
    if (!state) { return; }
    var canReply = state.dataset.mine === 'true' && state.dataset.status === 'assigned' && state.dataset.windowOpen === 'true';
    var wasHidden = composer.hidden;
    composer.hidden = !canReply;
    if (canReply && wasHidden && document.activeElement === document.body) { reply.focus(); }
  }
  reply.addEventListener('input', function () {
    if (!reply.value) { requestInput.value = newRequestId(); }
    measure();
    saveDraft();
  });
  reply.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    } else if (e.key === 'ArrowDown' && reply.value.charAt(0) === '/') {
      var first = canned.querySelector('.canned-item');
      if (first) { e.preventDefault(); first.focus(); }
    } else if (e.key === 'Escape') {
      canned.innerHTML = '';
    }
  });
  function send() {
    if (fileChosen()) { upload(); return; }
    if (measure() || !reply.value.trim()) { return; }
    saveDraft();
    htmx.trigger(composer, 'submit');
  }
  composer.addEventListener('submit', function (e) {
    if (fileChosen()) { e.preventDefault(); e.stopImmediatePropagation(); upload(); return; }
    if (measure()) { e.preventDefault(); e.stopImmediatePropagation(); }
  }, true);
  document.body.addEventListener('desk-sent', function () {
    localStorage.removeItem(key);
    reply.value = '';
    requestInput.value = newRequestId();
    canned.innerHTML = '';
    clearFile();
    measure();
    reply.focus();
  });

  // ------------------------------------------------------------ attaching a file
  // The limits and the texts are the server's (data attributes of #attach, rendered from WhatsAppMediaLimits and
  // the desk's configured limit); the reply text goes with the file as its caption. The upload uses the page's
  // request id, so a second click or a retry after a dropped connection is the same file and one message.
  var attach = document.getElementById('attach');
  var fileInput = document.getElementById('attach-file');
  var fileError = document.getElementById('attach-error');
  var chosen = document.getElementById('attach-chosen');
  var progress = document.getElementById('attach-progress');
  var sendButton = document.getElementById('send');
  var limits = JSON.parse(attach.dataset.limits || '{}');
  var maxCaption = parseInt(attach.dataset.maxCaption, 10);
  var uploading = false;

  function fill(template, values) {
    return template.replace(/%(\w+)/g, function (m, k) { return k in values ? values[k] : m; });
  }
  // The same words for a size as the server's messages use (WhatsAppMediaLimits.describe).
  function describe(bytes) {
    var mb = 1024 * 1024;
    if (bytes >= mb) { return (bytes % mb === 0 ? String(bytes / mb) : (bytes / mb).toFixed(1)) + ' MB'; }
    return Math.max(1, Math.ceil(bytes / 1024)) + ' KB';
  }
  function fileChosen() { return fileInput.files && fileInput.files.length > 0; }
  function showFileError(message) {
    fileError.textContent = message || '';
    fileError.hidden = !message;
    fileInput.setAttribute('aria-invalid', message ? 'true' : 'false');
  }
  function fileProblem() {
    if (!fileChosen()) { return null; }
    var file = fileInput.files[0];
    var type = (file.type || '').toLowerCase();
    if (!Object.prototype.hasOwnProperty.call(limits, type)) {
      return fill(attach.dataset.msgType, { name: file.name, type: type || attach.dataset.msgUnknownType });
    }
    if (file.size > limits[type]) {
      return fill(attach.dataset.msgSize, { name: file.name, size: describe(file.size), limit: describe(limits[type]) });
    }
    var caption = Array.from(reply.value.trim()).length;
    if (caption > maxCaption) { return fill(attach.dataset.msgCaption, { length: String(caption) }); }
    return null;
  }
  function clearFile() {
    fileInput.value = '';
    chosen.hidden = true;
    showFileError(null);
  }
  function busy(on) {
    uploading = on;
    composer.setAttribute('aria-busy', on ? 'true' : 'false');
    sendButton.disabled = on;
    fileInput.disabled = on;
    reply.readOnly = on;
    progress.hidden = !on;
    if (on) { progress.value = 0; sendButton.dataset.label = sendButton.textContent; sendButton.textContent = sendButton.dataset.uploading; }
    else if (sendButton.dataset.label) { sendButton.textContent = sendButton.dataset.label; }
  }
  fileInput.addEventListener('change', function () {
    if (!fileChosen()) { clearFile(); return; }
    var file = fileInput.files[0];
    document.getElementById('attach-chosen-text').textContent =
        fill(attach.dataset.msgChosen, { name: file.name, size: describe(file.size) });
    chosen.hidden = false;
    showFileError(fileProblem());
  });
  document.getElementById('attach-remove').addEventListener('click', function () {
    clearFile();
    fileInput.focus();
  });
  function upload() {
    if (uploading) { return; }
    var problem = fileProblem();
    showFileError(problem);
    if (problem) { fileInput.focus(); return; }
    saveDraft();
    var file = fileInput.files[0];
    var data = new FormData();
    data.append('file', file, file.name);
    data.append('caption', reply.value.trim());
    data.append('requestId', requestInput.value);
    var xhr = new XMLHttpRequest();
    xhr.open('POST', '/desk/c/' + composer.dataset.handover + '/attach');
    xhr.setRequestHeader('HX-Request', 'true');
    xhr.setRequestHeader('X-Requested-With', 'JavaScript');
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) { progress.value = Math.round(e.loaded * 100 / e.total); }
    });
    xhr.addEventListener('load', function () {
      busy(false);
      if (ended(xhr)) { sessionExpired(); return; }
      if (xhr.status === 204) {
        htmx.trigger(document.body, 'desk-done');
        htmx.trigger(document.body, 'desk-sent');
        htmx.trigger(document.body, 'desk-attached');
        return;
      }
      // A refusal: the server's message, in the page's language.
      var answer = document.createElement('div');
      answer.innerHTML = xhr.status === 200 ? xhr.responseText : '';
      showFileError(answer.textContent.trim() || attach.dataset.msgFailed);
    });
    xhr.addEventListener('error', function () { busy(false); showFileError(attach.dataset.msgFailed); });
    busy(true);
    xhr.send(data);
  }
  canned.addEventListener('click', function (e) {
    var item = e.target.closest('.canned-item');
    if (!item) { return; }
    reply.value = item.dataset.text;
    canned.innerHTML = '';
    measure();
    saveDraft();
    reply.focus();
  });
  canned.addEventListener('keydown', function (e) {
    var items = Array.prototype.slice.call(canned.querySelectorAll('.canned-item'));
    var i = items.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' && i < items.length - 1) { e.preventDefault(); items[i + 1].focus(); }
    if (e.key === 'ArrowUp') { e.preventDefault(); (i > 0 ? items[i - 1] : reply).focus(); }
    if (e.key === 'Escape') { canned.innerHTML = ''; reply.focus(); }
  });
  document.body.addEventListener('desk-noted', function () {
    document.getElementById('note').value = '';
  });
  restoreDraft();
})();
