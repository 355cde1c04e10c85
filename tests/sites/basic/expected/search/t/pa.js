(window.digestSearch=window.digestSearch||[]).push(["t","pa",{"paris":[13]}]);
