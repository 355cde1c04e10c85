(window.digestSearch=window.digestSearch||[]).push(["t","fi",{"first":[0,6]}]);
