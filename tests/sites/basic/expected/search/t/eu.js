(window.digestSearch=window.digestSearch||[]).push(["t","eu",{"europe":[14]}]);
