(window.digestSearch=window.digestSearch||[]).push(["t","pl",{"planned":[14]}]);
