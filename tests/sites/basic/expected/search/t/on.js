(window.digestSearch=window.digestSearch||[]).push(["t","on",{"on":[12,2],"once":[14]}]);
