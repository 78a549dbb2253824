// Loaded with Subresource Integrity (the integrity attribute is the SHA-384 of this file): a
// changed copy would not run. It only shows that it ran.
document.addEventListener('DOMContentLoaded', function () {
  var check = document.getElementById('sri-check');
  if (check) {
    check.textContent = 'the integrity-checked script ran';
  }
});
