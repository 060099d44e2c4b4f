// Passkeys (WebAuthn) of staff logins: enrolment on /account/passkeys, the second sign-in step on /login/passkey.
// Talks to Spring Security's WebAuthn endpoints with the page's CSRF token.
(function () {
  'use strict';

  function b64urlToBytes(value) {
    var base64 = value.replace(/-/g, '+').replace(/_/g, '/');
    var text = atob(base64);
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) { bytes[i] = text.charCodeAt(i); }
    return bytes.buffer;
  }

  function bytesToB64url(buffer) {
    var text = String.fromCharCode.apply(null, new Uint8Array(buffer));
    return btoa(text).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  }

  function post(url, body) {
    var headers = {'Content-Type': 'application/json'};
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) { headers[header.content] = token.content; }
    return fetch(url, {method: 'POST', headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)});
  }

  function showError(message) {
    var box = document.getElementById('passkey-error');
    box.textContent = message;
    box.classList.remove('d-none');
    box.focus();
  }

  function descriptors(list) {
    return (list || []).map(function (c) { return Object.assign({}, c, {id: b64urlToBytes(c.id)}); });
  }

  async function enrol(label) {
    var optionsResponse = await post('/webauthn/register/options');
    if (!optionsResponse.ok) { throw new Error('options ' + optionsResponse.status); }
    var options = await optionsResponse.json();
    options.user = Object.assign({}, options.user, {id: b64urlToBytes(options.user.id)});
    options.challenge = b64urlToBytes(options.challenge);
    options.excludeCredentials = descriptors(options.excludeCredentials);
    var credential = await navigator.credentials.create({publicKey: options});
    var response = credential.response;
    var result = await post('/webauthn/register', {publicKey: {label: label, credential: {
      id: credential.id, rawId: bytesToB64url(credential.rawId), type: credential.type,
      response: {attestationObject: bytesToB64url(response.attestationObject),
        clientDataJSON: bytesToB64url(response.clientDataJSON),
        transports: response.getTransports ? response.getTransports() : []},
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment}}});
    if (result.status === 422) { throw new Error('label'); }
    if (!result.ok) { throw new Error('register ' + result.status); }
  }

  async function signIn() {
    var optionsResponse = await post('/webauthn/authenticate/options');
    if (!optionsResponse.ok) { throw new Error('options ' + optionsResponse.status); }
    var options = await optionsResponse.json();
    options.challenge = b64urlToBytes(options.challenge);
    options.allowCredentials = descriptors(options.allowCredentials);
    var credential = await navigator.credentials.get({publicKey: options});
    var response = credential.response;
    var result = await post('/login/webauthn', {
      id: credential.id, rawId: bytesToB64url(credential.rawId), credType: credential.type,
      response: {authenticatorData: bytesToB64url(response.authenticatorData),
        clientDataJSON: bytesToB64url(response.clientDataJSON), signature: bytesToB64url(response.signature),
        userHandle: response.userHandle ? bytesToB64url(response.userHandle) : undefined},
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment});
    if (!result.ok) { throw new Error('sign-in ' + result.status); }
    var answer = await result.json();
    if (!answer.authenticated) { throw new Error('sign-in refused'); }
    return answer.redirectUrl || '/';
  }

  document.addEventListener('DOMContentLoaded', function () {
    var box = document.getElementById('passkey-error');
    if (!box) { return; }
    var supported = !!window.PublicKeyCredential;
    var form = document.getElementById('passkey-enrol');
    if (form) {
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var label = document.getElementById('passkey-label').value.trim();
        if (!supported) { showError(box.dataset.unsupported); return; }
        if (!label || label.length > 100) { showError(box.dataset.label); return; }
        enrol(label).then(function () {
          window.location.href = '/account/passkeys?enrolled';
        }).catch(function (e) {
          console.error(e);
          showError(e.message === 'label' ? box.dataset.label : box.dataset.generic);
        });
      });
    }
    var button = document.getElementById('passkey-sign-in');
    if (button) {
      button.addEventListener('click', function () {
        if (!supported) { showError(box.dataset.unsupported); return; }
        signIn().then(function (url) { window.location.href = url; }).catch(function (e) {
          console.error(e);
          showError(box.dataset.generic);
        });
      });
    }
  });
})();
