(window.digestSearch=window.digestSearch||[]).push(["t","ag",{"agreed":[14]}]);
