// The 404 page: the common header only.
"use strict";
header("", null);
document.body.dataset.ready = "1";
