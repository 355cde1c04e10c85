(window.digestSearch=window.digestSearch||[]).push(["t","lu",{"lukashenko":[3,2]}]);
