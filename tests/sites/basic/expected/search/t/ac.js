(window.digestSearch=window.digestSearch||[]).push(["t","ac",{"across":[10],"action":[12]}]);
