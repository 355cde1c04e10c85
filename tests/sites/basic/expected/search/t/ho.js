(window.digestSearch=window.digestSearch||[]).push(["t","ho",{"hosted":[12],"hosts":[1,13]}]);
