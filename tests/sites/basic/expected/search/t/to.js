(window.digestSearch=window.digestSearch||[]).push(["t","to",{"to":[14]}]);
