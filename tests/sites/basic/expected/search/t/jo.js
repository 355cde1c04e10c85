(window.digestSearch=window.digestSearch||[]).push(["t","jo",{"joins":[5]}]);
