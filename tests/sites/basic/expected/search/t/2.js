(window.digestSearch=window.digestSearch||[]).push(["t","2",{"2":[14]}]);
