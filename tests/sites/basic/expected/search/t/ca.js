(window.digestSearch=window.digestSearch||[]).push(["t","ca",{"called":[8],"carry":[14]}]);
