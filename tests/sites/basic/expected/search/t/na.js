(window.digestSearch=window.digestSearch||[]).push(["t","na",{"nations":[10]}]);
