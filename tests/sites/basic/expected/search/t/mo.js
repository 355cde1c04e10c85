(window.digestSearch=window.digestSearch||[]).push(["t","mo",{"mongolia":[14],"moscow":[14]}]);
