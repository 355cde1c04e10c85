(window.digestSearch=window.digestSearch||[]).push(["t","si",{"siberia":[14],"since":[0,2]}]);
