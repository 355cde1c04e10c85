(window.digestSearch=window.digestSearch||[]).push(["t","wa",{"wants":[14],"was":[2]}]);
