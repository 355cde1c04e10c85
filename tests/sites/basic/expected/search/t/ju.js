(window.digestSearch=window.digestSearch||[]).push(["t","ju",{"july":[10]}]);
