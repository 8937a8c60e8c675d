// The request slip's QR code opens /track#code=XXXXX-…: the fragment never leaves the phone
// (not sent to the server, not in a referrer). Fill in the form from it, drop it from the
// address bar, and send the form, which carries the code in its body like a typed one.
(function () {
  var m = /^#code=([0-9A-Za-z-]{16,40})$/.exec(window.location.hash);
  var form = document.getElementById('track-form');
  if (!m || !form || !form.elements.code) return;
  form.elements.code.value = m[1];
  window.history.replaceState(null, '', window.location.pathname);
  form.submit();
})();
