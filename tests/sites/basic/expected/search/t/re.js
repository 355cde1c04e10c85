(window.digestSearch=window.digestSearch||[]).push(["t","re",{"recep":[0,10],"referendum":[8],"rejected":[8],"reuters":[14]}]);
